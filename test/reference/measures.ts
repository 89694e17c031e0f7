import { valueTypeOf } from "../../src/contact/types.ts";
import type { FieldRef } from "../../src/query/field-registry.ts";
import type { HistogramInterval } from "../../src/query/histograms.ts";
import { parseInstant } from "../../src/query/timestamp.ts";
import type { FixtureContact } from "../fixtures/contacts.ts";
import { storedValue } from "./facets.ts";

/**
 * Stats and histograms, written from the language reference ("Stats and
 * histograms" in docs/query-language.md), not from the SQL:
 *
 * - a contact's value of an integer or number field is the stored JSON
 *   number, exactly as written (a decimal, not a binary float); of a date or
 *   date-time field, the instant of a stored string that is a valid
 *   timestamp (a date alone is midnight UTC; no zone is UTC), or the column's;
 *   anything else (null, missing, another JSON type, an invalid string) is no
 *   value;
 * - stats: `count` the contacts with a value; `min`, `max`; numbers: `sum`
 *   (exact), `avg` = `sum / count` rounded half away from zero to 12 decimal
 *   places; instants: `min` / `max` as ISO-8601 UTC with milliseconds (the
 *   microseconds cut), `sum` / `avg` null; all four null when `count` is 0;
 * - histograms: an instant's bucket is the start of its UTC day, ISO week
 *   (Monday), month, quarter or year; a number's is floor(v / w) * w; buckets
 *   by key ascending, then the contacts without a value under key null (left
 *   out when there are none).
 *
 * Numbers are exact decimals here (`Decimal`: an integer and a power of ten),
 * rendered as plain decimal text without superfluous zeros, which is how the
 * answer writes them; tests compare that text.
 */
export interface Decimal {
  /** The value is `digits × 10^-scale`. */
  readonly digits: bigint;
  readonly scale: number;
}

export function decimal(text: string): Decimal {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = match;
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(`${sign}${whole}${fraction}`);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/** A JSON number as stored: the shortest decimal JavaScript writes for it (what the fixture loader stored). */
export function decimalOf(value: number): Decimal {
  return decimal(String(value));
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.digits * 10n ** BigInt(scale - a.scale), b.digits * 10n ** BigInt(scale - b.scale), scale];
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return { digits: x + y, scale };
}

export function compare(a: Decimal, b: Decimal): number {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Division rounding toward negative infinity, of integers. */
function floorDiv(x: bigint, y: bigint): bigint {
  const q = x / y;
  return x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q;
}

/** floor(v / w) * w, exactly. */
export function bucketOf(v: Decimal, w: Decimal): Decimal {
  const [x, y, scale] = aligned(v, w);
  return { digits: floorDiv(x, y) * y, scale };
}

/** sum / count rounded half away from zero to `places` decimal places. */
export function roundedQuotient(sum: Decimal, count: number, places: number): Decimal {
  // sum × 10^places / count, with sum = digits × 10^-scale.
  const numerator = sum.digits * 10n ** BigInt(places);
  const denominator = BigInt(count) * 10n ** BigInt(sum.scale);
  let q = numerator / denominator;
  const remainder = numerator - q * denominator;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  if (twice >= denominator) q += numerator < 0n ? -1n : 1n;
  return { digits: q, scale: places };
}

/** Plain decimal text without superfluous zeros: `2.5`, `-0.001`, `1000`, `0`. */
export function decimalText({ digits, scale }: Decimal): string {
  const negative = digits < 0n;
  let text = (negative ? -digits : digits).toString();
  if (scale > 0) {
    text = text.padStart(scale + 1, "0");
    text = `${text.slice(0, -scale)}.${text.slice(-scale)}`.replace(/\.?0+$/, "");
  }
  return text === "0" ? "0" : `${negative ? "-" : ""}${text}`;
}

/** A contact's value of a number field, or undefined. */
function numberValue(field: FieldRef, contact: FixtureContact): Decimal | undefined {
  const value = storedValue(field, contact);
  return typeof value === "number" ? decimalOf(value) : undefined;
}

/** A contact's instant (milliseconds since the epoch, microseconds cut) of a date or date-time field, or undefined. */
function instantValue(field: FieldRef, contact: FixtureContact): number | undefined {
  const value = storedValue(field, contact);
  if (typeof value !== "string") return undefined;
  return parseInstant(value)?.millis;
}

/** `Date#toISOString`: ISO-8601 UTC with milliseconds (the years 0 and 10000 in its expanded form). */
export function isoOf(millis: number): string {
  return new Date(millis).toISOString();
}

export type Kind = "number" | "timestamp";

export function kindOf(field: FieldRef): Kind {
  if (field.type.kind !== "scalar") throw new Error(`'${field.name}' is not measurable`);
  const type = valueTypeOf(field.type.scalar);
  if (type !== "number" && type !== "timestamp") throw new Error(`'${field.name}' is not measurable`);
  return type;
}

/** Stats as the answer holds them, numbers as decimal text. */
export interface ReferenceStats {
  count: number;
  min: string | null;
  max: string | null;
  sum: string | null;
  avg: string | null;
}

export function referenceStats(contacts: readonly FixtureContact[], field: FieldRef): ReferenceStats {
  if (kindOf(field) === "timestamp") {
    const instants = contacts.map((c) => instantValue(field, c)).filter((v): v is number => v !== undefined);
    if (instants.length === 0) return { count: 0, min: null, max: null, sum: null, avg: null };
    return {
      count: instants.length,
      min: isoOf(Math.min(...instants)),
      max: isoOf(Math.max(...instants)),
      sum: null,
      avg: null,
    };
  }
  const values = contacts.map((c) => numberValue(field, c)).filter((v): v is Decimal => v !== undefined);
  if (values.length === 0) return { count: 0, min: null, max: null, sum: null, avg: null };
  let [min, max, sum] = [values[0] as Decimal, values[0] as Decimal, { digits: 0n, scale: 0 } as Decimal];
  for (const value of values) {
    if (compare(value, min) < 0) min = value;
    if (compare(value, max) > 0) max = value;
    sum = add(sum, value);
  }
  return {
    count: values.length,
    min: decimalText(min),
    max: decimalText(max),
    sum: decimalText(sum),
    avg: decimalText(roundedQuotient(sum, values.length, 12)),
  };
}

/** A bucket as the answer holds it: the key as ISO text, decimal text, or null. */
export interface ReferenceBucket {
  key: string | null;
  count: number;
}

export function referenceHistogram(
  contacts: readonly FixtureContact[],
  field: FieldRef,
  interval: HistogramInterval,
): ReferenceBucket[] {
  const counts = new Map<string, { order: Decimal | number; count: number }>();
  let none = 0;
  for (const contact of contacts) {
    let key: { text: string; order: Decimal | number } | undefined;
    if (interval.kind === "calendar") {
      const millis = instantValue(field, contact);
      if (millis !== undefined) {
        const start = periodStart(millis, interval.unit);
        key = { text: isoOf(start), order: start };
      }
    } else {
      const value = numberValue(field, contact);
      if (value !== undefined) {
        const bucket = bucketOf(value, decimal(interval.width));
        key = { text: decimalText(bucket), order: bucket };
      }
    }
    if (!key) {
      none += 1;
      continue;
    }
    const entry = counts.get(key.text) ?? { order: key.order, count: 0 };
    entry.count += 1;
    counts.set(key.text, entry);
  }
  const buckets = [...counts]
    .sort(([, a], [, b]) =>
      typeof a.order === "number" ? a.order - (b.order as number) : compare(a.order, b.order as Decimal),
    )
    .map(([key, { count }]): ReferenceBucket => ({ key, count }));
  return none > 0 ? [...buckets, { key: null, count: none }] : buckets;
}

/** The start (milliseconds) of the UTC calendar period holding `millis`. */
export function periodStart(millis: number, unit: "day" | "week" | "month" | "quarter" | "year"): number {
  const date = new Date(millis);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const start = new Date(0);
  switch (unit) {
    case "day":
      start.setUTCFullYear(year, month, date.getUTCDate());
      break;
    case "week":
      // ISO weeks start on Monday: getUTCDay() is 0 for Sunday.
      start.setUTCFullYear(year, month, date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
      break;
    case "month":
      start.setUTCFullYear(year, month, 1);
      break;
    case "quarter":
      start.setUTCFullYear(year, month - (month % 3), 1);
      break;
    case "year":
      start.setUTCFullYear(year, 0, 1);
      break;
  }
  return start.getTime();
}
