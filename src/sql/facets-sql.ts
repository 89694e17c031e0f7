import type { SQL } from "drizzle-orm";
import type { FacetField, FacetQuery } from "../query/facets.ts";
import type { FieldRef } from "../query/field-registry.ts";
import { columnOf, INFO_SQL, TABLE_SQL, type TranslationScope, writeJson } from "./field-sql.ts";
import { writeScalar, writeTenantFilter } from "./filter-sql.ts";
import { SqlWriter } from "./statement.ts";

/**
 * The facets statement: among the organization's contacts matching the
 * filter, how many have each value of each facet field. One statement, one
 * round trip, returning one row:
 *
 * - `total_count`: the matching contacts;
 * - `facet_<i>`: the i-th field's counts as a JSON array of
 *   `{"value": v, "count": n}`, at most `limit` of them, by count descending,
 *   then value ascending (strings by code point, numbers numerically,
 *   `false` before `true`), `null` last.
 *
 * The matching rows are read once, into a MATERIALIZED CTE holding only each
 * field's value, typed as the language types it (`writeScalar`: a value of
 * another JSON type, null and missing are all NULL); each field is then one
 * grouped count over that. An array of strings becomes, per contact, the
 * array of its distinct string elements (other elements ignored); a contact
 * with none — the array missing, empty, not an array, or holding no string —
 * counts once under NULL. Counts are exact.
 */
export function facetsSql(organizationId: string, query: FacetQuery): SQL {
  return writeFacets(organizationId, query).toSql();
}

/** The same statement as text and parameters, for the benchmarks and tests. */
export function facetsText(organizationId: string, query: FacetQuery) {
  return writeFacets(organizationId, query).toQuery();
}

function writeFacets(organizationId: string, query: FacetQuery): SqlWriter {
  const w = new SqlWriter();
  w.raw("WITH matching AS MATERIALIZED (\n  SELECT ");
  query.fields.forEach((facet, i) => {
    if (i > 0) w.raw(",\n    ");
    writeFacetValue(w, facet);
    w.raw(` AS f${i}`);
  });
  if (query.fields.length === 0) w.raw("1 AS f");
  // The matching rows, with the columns the facets read and `info` read once
  // (see DOCUMENT): under the table's own name, so column references resolve to them.
  w.raw("\n  FROM (SELECT ");
  for (const column of new Set(query.fields.map(({ field }) => columnOf(field)).filter((c) => c !== undefined))) {
    w.raw(`${column}, `);
  }
  w.raw(`${INFO_SQL} #> '{}' AS ${DOCUMENT_COLUMN} FROM ${TABLE_SQL}\n    WHERE `);
  writeTenantFilter(w, organizationId, query.filter);
  w.raw(`\n    OFFSET 0) AS ${TABLE_SQL}`);
  w.raw("\n)\nSELECT\n  (SELECT count(*) FROM matching)::int8 AS total_count");
  query.fields.forEach((facet, i) => {
    // Strings order by code point whatever the database's default collation.
    const order = `n DESC, value${facet.kind === "number" || facet.kind === "boolean" ? "" : ' COLLATE "C"'} ASC NULLS LAST`;
    w.raw(",\n  (SELECT coalesce(json_agg(json_build_object('value', value, 'count', n) ORDER BY ");
    w.raw(`${order}), '[]'::json)::text\n    FROM (SELECT value, count(*) AS n FROM `);
    if (facet.kind === "string-array") {
      // A contact without a string element counts once under NULL.
      w.raw(`(SELECT unnest(CASE WHEN cardinality(f${i}) > 0 THEN f${i} ELSE ARRAY[NULL]::text[] END) AS value `);
      w.raw("FROM matching) AS element");
    } else {
      w.raw(`(SELECT f${i} AS value FROM matching) AS contact`);
    }
    w.raw(`\n      GROUP BY value ORDER BY ${order} LIMIT `)
      .param(String(query.limit), "int8")
      .raw(`) AS counted) AS facet_${i}`);
  });
  return w;
}

/**
 * The value a facet counts, per contact: the typed scalar (text in the "C"
 * collation, so it groups and orders by code point; numbers and booleans as
 * jsonb, which compare numerically and false < true), or for an array of
 * strings its distinct string elements as `text[]` (NULL when it is not an array).
 */
function writeFacetValue(w: SqlWriter, facet: FacetField): void {
  const field = inDocument(facet.field);
  if (facet.kind !== "string-array") {
    writeScalar(w, field, DOCUMENT_SCOPE);
    return;
  }
  const column = columnOf(field);
  if (column) {
    w.raw(`ARRAY(SELECT DISTINCT element COLLATE "C" FROM unnest(${column}) AS element WHERE element IS NOT NULL)`);
    return;
  }
  w.raw("ARRAY(SELECT DISTINCT element #>> '{}' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(");
  writeJson(w, field, DOCUMENT_SCOPE);
  w.raw(") = 'array' THEN ");
  writeJson(w, field, DOCUMENT_SCOPE);
  w.raw(" END) AS elements(element) WHERE jsonb_typeof(element) = 'string')");
}

/**
 * `info`, read once per row. Each `info #> path` detoasts the stored document
 * again (decompressing it, or fetching it from the TOAST table), so five
 * fields cost five reads of every document; `info #> '{}'` (the whole value)
 * returns it detoasted, computed once in the fenced (OFFSET 0) subquery, and
 * every path is read from that. Measured at 600k contacts and five `info`
 * fields: 2-4x less time (docs/performance.md).
 */
const DOCUMENT_COLUMN = '"document"';
const DOCUMENT_SCOPE: TranslationScope = { element: `${TABLE_SQL}.${DOCUMENT_COLUMN}`, anyDepth: 0 };

/** An `info` path, read from the document column instead (`writeJson` reads element paths from the scope). */
function inDocument(field: FieldRef): FieldRef {
  const { location } = field;
  if (location.kind !== "json") return field;
  return { ...field, location: { ...location, scope: "element" } };
}
