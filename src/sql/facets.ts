/**
 * @module The facets statement: among the organization's contacts matching the
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
 * values, so the typing, and above all the per-array de-duplication, runs once
 * per distinct value instead of once per contact
 * (docs/decisions/0004-facets-group-stored-values.md). An array of strings
 * becomes the array of its distinct string elements (other elements ignored);
 * a contact with none (the array missing, empty, not an array, or holding no
 * string) counts once under NULL. Counts are exact.
 */
import type { FacetQuery } from "../query/facets.ts";
import type { FieldRef } from "../query/field-registry.ts";
import { columnScalar, fieldColumn, INFO, TABLE, type TranslationScope, writeJson, writeScalar } from "./fields.ts";
import { writeTenantFilter } from "./filter.ts";
import { bind, type Fragment, integer, joined, SqlWriter, type TrustedSql, trusted } from "./writer.ts";

/** The statement of `query`'s facets (run as a whole: see SqlWriter.toSql). */
export function facetsStatement(organizationId: string, query: FacetQuery): SqlWriter {
  const w = new SqlWriter();
  const stored = query.fields.map(({ field }, i): Fragment => {
    const column = fieldColumn(field);
    return (w) => w.sql`${column ?? ((w) => writeJson(w, inDocument(field), DOCUMENT_SCOPE))} AS f${integer(i)}`;
  });
  if (stored.length === 0) stored.push((w) => w.sql`1 AS f`);
  const columns = [...new Set(query.fields.map(({ field }) => fieldColumn(field)).filter((c) => c !== undefined))];
  // The matching rows, with the columns the facets read and `info` read once
  // (see DOCUMENT): under the table's own name, so column references resolve to them.
  w.sql`WITH matching AS MATERIALIZED (\n  SELECT ${joined(stored, trusted`, `)}\n  FROM (SELECT `;
  for (const column of columns) w.sql`${column}, `;
  w.sql`${INFO} #> '{}' AS ${DOCUMENT_COLUMN} FROM ${TABLE}\n    WHERE `;
  writeTenantFilter(w, organizationId, query.filter);
  w.sql`\n    OFFSET 0) AS ${TABLE}\n)\nSELECT\n  (SELECT count(*) FROM matching)::int8 AS total_count`;
  query.fields.forEach((facet, i) => {
    // Strings order by code point whatever the database's default collation.
    const order =
      facet.kind === "number" || facet.kind === "boolean"
        ? trusted`n DESC, value ASC NULLS LAST`
        : trusted`n DESC, value COLLATE "C" ASC NULLS LAST`;
    const groups = storedGroups(i);
    w.sql`,\n  (SELECT coalesce(json_agg(json_build_object('value', value, 'count', n) ORDER BY ${order}), '[]'::json)::text`;
    w.sql`\n    FROM (SELECT value, sum(n)::int8 AS n FROM (SELECT `;
    if (facet.kind === "string-array") {
      // A contact without a string element counts once under NULL. (Each
      // `elements` is evaluated once here; a CASE would run the subquery twice.)
      w.sql`unnest(coalesce(nullif(elements, '{}'), ARRAY[NULL]::text[])) AS value, n FROM (SELECT ${(w) => writeDistinctStrings(w, facet.field)} AS elements, n FROM ${groups}) AS distinct_strings`;
    } else {
      w.sql`${(w) => writeTyped(w, facet.field)} AS value, n FROM ${groups}`;
    }
    w.sql`) AS typed\n      GROUP BY value ORDER BY ${order} LIMIT ${bind(String(query.limit), "int8")}) AS counted) AS facet_${integer(i)}`;
  });
  return w;
}

/** The i-th field's distinct stored values, each with how many matching contacts hold it, as `stored(value, n)`. */
function storedGroups(i: number): TrustedSql {
  return trusted`(SELECT f${integer(i)} AS ${STORED_VALUE}, count(*) AS n FROM matching GROUP BY f${integer(i)}) AS stored`;
}

/**
 * A stored value as the facet counts it: the typed scalar (text in the "C"
 * collation, so it groups and orders by code point; numbers and booleans as
 * jsonb, which compare numerically and false < true).
 */
function writeTyped(w: SqlWriter, field: FieldRef): void {
  if (!fieldColumn(field)) {
    writeScalar(w, { ...field, location: { kind: "json", scope: "element", path: [] } }, STORED_SCOPE);
    return;
  }
  // A column holds its type already.
  w.raw(columnScalar(field, STORED));
}

/** A stored array as the distinct strings among its elements (`text[]`; NULL when it is not an array). */
function writeDistinctStrings(w: SqlWriter, field: FieldRef): void {
  if (fieldColumn(field)) {
    w.sql`ARRAY(SELECT DISTINCT element COLLATE "C" FROM unnest(${STORED}) AS element WHERE element IS NOT NULL)`;
    return;
  }
  w.sql`ARRAY(SELECT DISTINCT element #>> '{}' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${STORED}) = 'array' THEN ${STORED} END)`;
  w.sql` AS elements(element) WHERE jsonb_typeof(element) = 'string')`;
}

const STORED_VALUE = trusted`stored_value`;
const STORED = trusted`stored.${STORED_VALUE}`;
/** Typing reads a stored JSON value as the element at the empty path. */
const STORED_SCOPE: TranslationScope = { element: STORED, anyDepth: 0 };

/**
 * `info`, read once per row. Each `info #> path` detoasts the stored document
 * again (decompressing it, or fetching it from the TOAST table), so five
 * fields cost five reads of every document; `info #> '{}'` (the whole value)
 * returns it detoasted, computed once in the fenced (OFFSET 0) subquery, and
 * every path is read from that.
 */
const DOCUMENT_COLUMN = trusted`"document"`;
const DOCUMENT_SCOPE: TranslationScope = { element: trusted`${TABLE}.${DOCUMENT_COLUMN}`, anyDepth: 0 };

/** An `info` path, read from the document column instead (`writeJson` reads element paths from the scope). */
function inDocument(field: FieldRef): FieldRef {
  const { location } = field;
  if (location.kind !== "json") return field;
  return { ...field, location: { ...location, scope: "element" } };
}
