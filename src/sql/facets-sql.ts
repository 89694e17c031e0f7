import type { SQL } from "drizzle-orm";
import type { FacetQuery } from "../query/facets.ts";
import type { FieldRef } from "../query/field-registry.ts";
import { columnOf, INFO_SQL, TABLE_SQL, type TranslationScope, writeJson } from "./field-sql.ts";
import { columnScalar, writeScalar, writeTenantFilter } from "./filter-sql.ts";
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
 * The matching rows are read once, into a MATERIALIZED CTE holding each
 * field's value as stored (the column, or the JSON at the path). Each facet
 * then groups those stored values first and types each distinct one after
 * (`writeScalar`: a value of another JSON type, null and missing all become
 * NULL), summing the groups that type alike. Contacts share few distinct
 * values (1,127 distinct tag arrays among the 9,542 matches of bench:facets'
 * selective case), so the typing, and above all the per-array
 * de-duplication, runs once per distinct value instead of once per contact
 * (docs/performance.md, "Facets"). An array of strings becomes the array of
 * its distinct string elements (other elements ignored); a contact with none
 * (the array missing, empty, not an array, or holding no string) counts once
 * under NULL. Counts are exact.
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
  query.fields.forEach(({ field }, i) => {
    if (i > 0) w.raw(", ");
    const column = columnOf(field);
    if (column) w.raw(column);
    else writeJson(w, inDocument(field), DOCUMENT_SCOPE);
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
    w.raw(`${order}), '[]'::json)::text\n    FROM (SELECT value, sum(n)::int8 AS n FROM (SELECT `);
    if (facet.kind === "string-array") {
      // A contact without a string element counts once under NULL. (Each
      // `elements` is evaluated once here; a CASE would run the subquery twice.)
      w.raw("unnest(coalesce(nullif(elements, '{}'), ARRAY[NULL]::text[])) AS value, n FROM (SELECT ");
      writeDistinctStrings(w, facet.field);
      w.raw(" AS elements, n FROM ");
      writeStoredGroups(w, i);
      w.raw(") AS distinct_strings");
    } else {
      writeTyped(w, facet.field);
      w.raw(" AS value, n FROM ");
      writeStoredGroups(w, i);
    }
    w.raw(`) AS typed\n      GROUP BY value ORDER BY ${order} LIMIT `)
      .param(String(query.limit), "int8")
      .raw(`) AS counted) AS facet_${i}`);
  });
  return w;
}

/** The i-th field's distinct stored values, each with how many matching contacts hold it, as `stored(value, n)`. */
function writeStoredGroups(w: SqlWriter, i: number): void {
  w.raw(`(SELECT f${i} AS ${STORED_VALUE}, count(*) AS n FROM matching GROUP BY f${i}) AS stored`);
}

/**
 * A stored value as the facet counts it: the typed scalar (text in the "C"
 * collation, so it groups and orders by code point; numbers and booleans as
 * jsonb, which compare numerically and false < true).
 */
function writeTyped(w: SqlWriter, field: FieldRef): void {
  if (!columnOf(field)) {
    writeScalar(w, { ...field, location: { kind: "json", scope: "element", path: [] } }, STORED_SCOPE);
    return;
  }
  // A column holds its type already.
  w.raw(columnScalar(field, `stored.${STORED_VALUE}`));
}

/** A stored array as the distinct strings among its elements (`text[]`; NULL when it is not an array). */
function writeDistinctStrings(w: SqlWriter, field: FieldRef): void {
  if (columnOf(field)) {
    w.raw(
      `ARRAY(SELECT DISTINCT element COLLATE "C" FROM unnest(stored.${STORED_VALUE}) AS element WHERE element IS NOT NULL)`,
    );
    return;
  }
  const value = `stored.${STORED_VALUE}`;
  w.raw(
    `ARRAY(SELECT DISTINCT element #>> '{}' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${value}) = 'array' THEN ${value} END)`,
  );
  w.raw(" AS elements(element) WHERE jsonb_typeof(element) = 'string')");
}

const STORED_VALUE = "stored_value";
/** Typing reads a stored JSON value as the element at the empty path. */
const STORED_SCOPE: TranslationScope = { element: `stored.${STORED_VALUE}`, anyDepth: 0 };

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
