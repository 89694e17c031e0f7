/**
 * @module The facets statement: among the organization's contacts matching the
 * filter, how many have each value of each facet field, the stats of the
 * `stats` fields and the histograms. One statement, one round trip,
 * returning one row:
 *
 * - `total_count`: the matching contacts; `exact`: whether every count is;
 * - `facet_<i>`: the i-th facet field's counts as a JSON array of
 *   `{"value": v, "count": n}`, at most `limit` of them, by count descending,
 *   then value ascending (strings by code point, numbers numerically,
 *   `false` before `true`), `null` last;
 * - `stats_<i>`: the i-th stats field's `{"count", "min", "max", "sum", "avg"}`;
 * - `histogram_<i>`: the i-th histogram's buckets, and `histogram_<i>_keyed`
 *   how many have a key (measures.ts).
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
 * string) counts once under NULL. Stats and histograms of an `info` path type
 * the grouped stored values the same way; a column is typed already and is
 * read as it is.
 *
 * `count=estimated` (facet-sample.ts) reads the first matches, up to one past
 * the bound, first: within the bound they are every match, read once. Past
 * it, facets and histograms count a sample of the table's rows and scale
 * their counts; stats always read every match.
 */
import type { FacetQuery } from "../query/facets.ts";
import type { FieldRef } from "../query/field-registry.ts";
import { MAX_HISTOGRAM_BUCKETS } from "../query/histograms.ts";
import type { MeasureKind } from "../query/stats.ts";
import { type SampleOptions, writeSampleCtes } from "./facet-sample.ts";
import { columnScalar, fieldColumn, INFO, TABLE, type TranslationScope, writeJson, writeScalar } from "./fields.ts";
import { writeTenantFilter } from "./filter.ts";
import { writeHistogram, writeStats } from "./measures.ts";
import { bind, type Fragment, integer, joined, once, SqlWriter, type TrustedSql, trusted } from "./writer.ts";

export type FacetOptions = SampleOptions;

/** A field the statement reads, once, whatever reads it (`f<j>` in the CTEs). */
interface StoredField {
  readonly field: FieldRef;
  /** Read by a facet or a histogram: counted, from the sample past the bound. */
  counted: boolean;
  /** Read by stats: always from every match. */
  measured: boolean;
}

/** The statement of `query` (run as a whole: see SqlWriter.toSql). */
export function facetsStatement(organizationId: string, query: FacetQuery, options: FacetOptions = {}): SqlWriter {
  const w = new SqlWriter();
  const stats = query.stats ?? [];
  const histograms = query.histograms ?? [];
  const stored: StoredField[] = [];
  const slot = (field: FieldRef, use: "counted" | "measured"): number => {
    let j = stored.findIndex((s) => s.field.name === field.name);
    if (j === -1) j = stored.push({ field, counted: false, measured: false }) - 1;
    (stored[j] as StoredField)[use] = true;
    return j;
  };
  const facetSlots = query.fields.map(({ field }) => slot(field, "counted"));
  const statsSlots = stats.map(({ field }) => slot(field, "measured"));
  const histogramSlots = histograms.map(({ field }) => slot(field, "counted"));

  // Past the bound only facets and histograms are estimated: with none, the estimate has nothing to save.
  const estimated = query.count === "estimated" && stored.some((s) => s.counted);
  const conditions = {
    tenant: once((w) => writeTenantFilter(w, organizationId, null)),
    where: once((w) => writeTenantFilter(w, organizationId, query.filter)),
  };
  w.sql`WITH `;
  const measured = stats.length > 0;
  const sample = estimated
    ? writeSampleCtes(w, {
        ...conditions,
        filter: query.filter,
        options,
        head: (w, limit) => writeRows(w, stored, conditions.where, { include: () => true, limit }),
        sampled: (w, from, gate) => writeRows(w, stored, conditions.where, { include: (s) => s.counted, gate, from }),
      })
    : undefined;

  // Every match (past the bound, only when it is read: see facet-sample.ts). In exact mode it is read by each
  // facet, stats and histogram, and by the count unless a histogram counts the rows (each row is in one
  // bucket): kept (MATERIALIZED) when read more than once, otherwise streamed into its one reader.
  const readers = query.fields.length + stats.length + histograms.length + (histograms.length > 0 ? 0 : 1);
  w.sql`matching AS ${sample || readers > 1 ? trusted`MATERIALIZED ` : trusted``}(\n  `;
  writeRows(w, stored, conditions.where, {
    include: () => true,
    gate: sample?.matchingGate(measured),
    countedOnlyIf: sample && measured ? sample.countedOnlyIf : undefined,
  });
  w.sql`\n)`;
  if (sample) sample.writeScaling(w, measured);

  const whole = (_j: number) => trusted`matching AS counted`;
  /** Every match's j-th field, for stats. */
  const exactRows = sample ? sample.exactRows : whole;
  /** The rows facets and histograms count: every match, or past the bound the sample's. */
  const counted = sample ? sample.countedRows : whole;
  const count = (n: TrustedSql): TrustedSql => (sample ? trusted`round(${n} * ${sample.scale})::int8` : n);

  const total = sample
    ? sample.total
    : histograms.length > 0
      ? trusted`histogram_0.counted_rows`
      : trusted`(SELECT count(*) FROM matching)::int8`;
  w.sql`\nSELECT\n  ${total} AS total_count`;
  w.sql`,\n  ${sample ? sample.exact : trusted`true`} AS exact`;
  query.fields.forEach((facet, i) => {
    // Strings order by code point whatever the database's default collation.
    const order =
      facet.kind === "number" || facet.kind === "boolean"
        ? trusted`n DESC, value ASC NULLS LAST`
        : trusted`n DESC, value COLLATE "C" ASC NULLS LAST`;
    const groups = storedGroups(facetSlots[i] as number, counted(facetSlots[i] as number));
    w.sql`,\n  (SELECT coalesce(json_agg(json_build_object('value', value, 'count', ${count(trusted`n`)}) ORDER BY ${order}), '[]'::json)::text`;
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
  stats.forEach(({ field, kind }, i) => {
    const typed = typedValues(field, kind, statsSlots[i] as number, exactRows(statsSlots[i] as number));
    w.sql`,\n  ${(w) => writeStats(w, kind, typed)} AS stats_${integer(i)}`;
  });
  histograms.forEach((_, i) => {
    w.sql`,\n  histogram_${integer(i)}.buckets AS histogram_${integer(i)}, histogram_${integer(i)}.keyed AS histogram_${integer(i)}_keyed`;
  });
  histograms.forEach(({ field, kind, interval }, i) => {
    const j = histogramSlots[i] as number;
    const typed = typedValues(field, kind, j, counted(j));
    w.sql`${i === 0 ? trusted`\nFROM ` : trusted`,\n  `}${(w) => writeHistogram(w, { interval, typed, max: MAX_HISTOGRAM_BUCKETS, count })} AS histogram_${integer(i)}`;
  });
  return w;
}

/** How `writeRows` reads the matching rows. */
interface RowsOptions {
  /** Which stored fields to read (the others are NULL, so every source has the same columns). */
  readonly include: (s: StoredField) => boolean;
  /**
   * A condition known before any row is read (an InitPlan): false, and the
   * table is not read at all. Written as `LIMIT CASE WHEN gate THEN NULL ELSE 0
   * END` (no limit, or none read), not as a one-time filter: the planner costs
   * a limit it cannot know at a tenth of the rows, so the branches a statement
   * will not run do not add their whole cost to the plan's — which would make
   * Postgres JIT-compile (and optimize) the whole statement, for seconds.
   */
  readonly gate?: TrustedSql | undefined;
  /** When given, the fields no stats read are NULL unless it holds (past the bound, they are counted from the sample). */
  readonly countedOnlyIf?: TrustedSql | undefined;
  /** The table, or a sample of it. */
  readonly from?: TrustedSql;
  /** At most this many rows. */
  readonly limit?: TrustedSql;
}

/**
 * `SELECT f0, f1, … FROM (the matching rows)`: the stored value of each
 * field, from a fenced subquery that reads the columns they need and `info`
 * once (see DOCUMENT).
 */
function writeRows(w: SqlWriter, stored: readonly StoredField[], where: Fragment, options: RowsOptions): void {
  const { include, gate, countedOnlyIf, from = TABLE } = options;
  const limit = gate ? trusted`CASE WHEN ${gate} THEN NULL ELSE 0 END` : options.limit;
  const kept = stored.filter(include);
  const columns = [...new Set(kept.map((s) => fieldColumn(s.field)).filter((c) => c !== undefined))];
  const values = stored.map((s, j): Fragment => {
    if (!include(s)) return (w) => w.sql`NULL AS f${integer(j)}`;
    const value: Fragment = (w) => {
      const column = fieldColumn(s.field);
      if (column) w.raw(column);
      else writeJson(w, inDocument(s.field), DOCUMENT_SCOPE);
    };
    if (countedOnlyIf && !s.measured)
      return (w) => w.sql`CASE WHEN ${countedOnlyIf} THEN ${value} END AS f${integer(j)}`;
    return (w) => w.sql`${value} AS f${integer(j)}`;
  });
  if (values.length === 0) values.push((w) => w.sql`1 AS f`);
  if (!kept.some((s) => !fieldColumn(s.field))) {
    // Columns only: read straight from the table (an index-only scan can serve them).
    w.sql`SELECT ${joined(values, trusted`, `)}\n  FROM ${from}\n  WHERE ${where}`;
    if (limit) w.sql` LIMIT ${limit}`;
    return;
  }
  const read: Fragment[] = columns.map((column) => (w) => w.raw(column));
  read.push((w) => w.sql`${INFO} #> '{}' AS ${DOCUMENT_COLUMN}`);
  // Under the table's own name, so column references resolve to the subquery's columns.
  w.sql`SELECT ${joined(values, trusted`, `)}\n  FROM (SELECT ${joined(read, trusted`, `)} FROM ${from}\n    WHERE ${where}`;
  // A LIMIT fences the subquery as OFFSET 0 does.
  w.sql`\n    ${limit ? trusted`LIMIT ${limit}` : trusted`OFFSET 0`}) AS ${TABLE}`;
}

/** The j-th field's distinct stored values in `rows`, each with how many rows hold it, as `stored(value, n)`. */
function storedGroups(j: number, rows: TrustedSql): TrustedSql {
  return trusted`(SELECT f${integer(j)} AS ${STORED_VALUE}, count(*) AS n FROM ${rows} GROUP BY f${integer(j)}) AS stored`;
}

/**
 * `typed(v, n)` of the j-th field in `rows`: an `info` path's stored values
 * grouped, then typed (`numeric`, or `timestamptz`); a column's values as
 * they are, one row each (typed already, and mostly distinct: grouping them
 * first would cost more than it saves).
 */
function typedValues(field: FieldRef, kind: MeasureKind, j: number, rows: TrustedSql): Fragment {
  if (fieldColumn(field)) {
    return (w) => w.sql`(SELECT f${integer(j)} AS v, 1::int8 AS n FROM ${rows}) AS typed`;
  }
  const cast = kind === "number" ? trusted`::numeric` : trusted``;
  return (w) => w.sql`(SELECT (${(w) => writeTyped(w, field)})${cast} AS v, n FROM ${storedGroups(j, rows)}) AS typed`;
}

/**
 * A stored value as the facet counts it: the typed scalar (text in the "C"
 * collation, so it groups and orders by code point; numbers and booleans as
 * jsonb, which compare numerically and false < true; instants as timestamptz).
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
