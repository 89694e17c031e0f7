/**
 * @module Stats and histograms of the facets statement (facets.ts), over
 * typed values: each written as an SQL expression over `typed(v, n)`, rows
 * of a typed value `v` (NULL when the contact has none of the field's type)
 * held by `n` matching contacts.
 *
 * - Numbers are `numeric`, so sums and bucket keys are exact decimals:
 *   `sum` is what `numeric` adds, a bucket key `floor(v / w) * w` is computed
 *   with `div` and `mod` (exact, never a rounded quotient), and `avg` is
 *   `sum / count` rounded half away from zero to `AVG_DECIMALS` places. Each is
 *   rendered without trailing zeros (`trim_scale`): JSON number text, exact.
 * - Instants are rendered as ISO-8601 UTC with milliseconds (cut, not
 *   rounded, as contacts' timestamps are); a calendar bucket is
 *   `date_trunc` in UTC (ISO weeks start on Monday).
 */
import type { HistogramInterval } from "../query/histograms.ts";
import { AVG_DECIMALS, type MeasureKind } from "../query/stats.ts";
import { bind, decimal, type Fragment, integer, type SqlWriter, type TrustedSql, trusted } from "./writer.ts";

const AVG_SCALE = integer(10 ** AVG_DECIMALS);
const AVG_UNIT = decimal(10 ** -AVG_DECIMALS);

/**
 * `(SELECT json_build_object('count', …, 'min', …, 'max', …, 'sum', …, 'avg', …)::text FROM <typed>)`:
 * `count` the contacts with a typed value; all four others NULL when it is 0.
 */
export function writeStats(w: SqlWriter, kind: MeasureKind, typed: Fragment): void {
  const values = trusted`coalesce(sum(typed.n) FILTER (WHERE typed.v IS NOT NULL), 0)::int8`;
  if (kind === "timestamp") {
    w.sql`(SELECT json_build_object('count', n_values, 'min', ${iso(trusted`low AT TIME ZONE 'UTC'`)}, 'max', ${iso(trusted`high AT TIME ZONE 'UTC'`)}, 'sum', NULL, 'avg', NULL)::text`;
    w.sql`\n    FROM (SELECT ${values} AS n_values, min(typed.v) AS low, max(typed.v) AS high FROM ${typed}) AS aggregated)`;
    return;
  }
  // avg: q = total × 10^d / n_values truncated toward zero (`div` is exact), plus one unit away
  // from zero when the remainder is at least half of n_values: rounded half away from zero.
  w.sql`(SELECT json_build_object('count', n_values, 'min', trim_scale(low), 'max', trim_scale(high), 'sum', trim_scale(total), 'avg', trim_scale((q + CASE WHEN 2 * abs(scaled - q * n_values) >= n_values THEN sign(scaled) ELSE 0 END) * ${AVG_UNIT}))::text`;
  w.sql`\n    FROM (SELECT n_values, low, high, total, scaled, div(scaled, nullif(n_values, 0)) AS q FROM (SELECT n_values, low, high, total, total * ${AVG_SCALE} AS scaled`;
  w.sql`\n    FROM (SELECT ${values} AS n_values, min(typed.v) AS low, max(typed.v) AS high, sum(typed.v * typed.n) AS total FROM ${typed}) AS aggregated) AS widened) AS divided)`;
}

/**
 * A histogram as a FROM item `(…) AS <alias>` of one row: `buckets`, the JSON
 * array of `{"key", "count"}` by key ascending, the key NULL last; `keyed`,
 * how many buckets have a key; `counted_rows`, the rows counted (every row falls in
 * one bucket, so this is the number of matches whenever `keyed` is within
 * `max`). At most MAX + 1 keyed buckets are kept: `keyed` past `max` means
 * too many (the caller refuses the request). `count` renders a bucket's count
 * from its `n`.
 */
export function writeHistogram(
  w: SqlWriter,
  parts: { interval: HistogramInterval; typed: Fragment; max: number; count: (n: TrustedSql) => TrustedSql },
): void {
  const { interval } = parts;
  const key = trusted`buckets.key`;
  const rendered = interval.kind === "calendar" ? iso(key) : trusted`trim_scale(${key})`;
  w.sql`(SELECT coalesce(json_agg(json_build_object('key', ${rendered}, 'count', ${parts.count(trusted`buckets.n`)}) ORDER BY ${key} NULLS LAST), '[]'::json)::text AS buckets, count(${key}) AS keyed, coalesce(sum(buckets.n), 0)::int8 AS counted_rows`;
  w.sql`\n    FROM (SELECT ${(w) => writeBucket(w, interval)} AS key, sum(typed.n)::int8 AS n FROM ${parts.typed}`;
  w.sql`\n      GROUP BY 1 ORDER BY 1 NULLS LAST LIMIT ${integer(parts.max + 2)}) AS buckets)`;
}

/** The bucket key of `typed.v`: its calendar period's start (a UTC `timestamp`), or `floor(v / w) * w`. */
function writeBucket(w: SqlWriter, interval: HistogramInterval): void {
  if (interval.kind === "calendar") {
    // Each interval is `date_trunc`'s field of that name (`week`: the ISO week, from Monday).
    w.sql`date_trunc(${bind(interval.unit, "text")}, typed.v AT TIME ZONE 'UTC')`;
    return;
  }
  const width = bind(interval.width, "numeric");
  w.sql`((div(typed.v, ${width}) - CASE WHEN mod(typed.v, ${width}) < 0 THEN 1 ELSE 0 END) * ${width})`;
}

/**
 * A UTC `timestamp` as `YYYY-MM-DDTHH:MM:SS.mmmZ`. A stored date-time may lie
 * just outside the years 1..9999 (`0001-01-01T00:00:00+01:00`); those are
 * written in the expanded form JavaScript's `Date#toISOString` uses
 * (`0000-12-31T23:00:00.000Z`, `+010000-01-01T…`), not with an era.
 */
function iso(timestamp: TrustedSql): TrustedSql {
  return trusted`CASE WHEN ${timestamp} < '0001-01-01' THEN '0000' || to_char(${timestamp}, ${REST}) WHEN ${timestamp} >= '10000-01-01' THEN '+010000' || to_char(${timestamp}, ${REST}) ELSE to_char(${timestamp}, 'YYYY' || ${REST}) END`;
}

const REST = trusted`'-MM-DD"T"HH24:MI:SS.MS"Z"'`;
