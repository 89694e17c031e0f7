/**
 * @module `histogram=`: comma-separated `<field>:<interval>`, at most
 * `MAX_HISTOGRAMS`, over the fields stats take (stats.ts).
 *
 * - A date or date-time field takes a calendar interval: `day`, `week` (ISO
 *   weeks, from Monday), `month`, `quarter` or `year`, in UTC; a bucket's key
 *   is its start.
 * - An integer or number field takes a positive decimal width (`10`, `0.5`,
 *   `2.5e3`): a value `v` falls in the bucket whose key is
 *   `floor(v / width) * width`, computed exactly in decimal (the width is
 *   never a binary float: `0.1` is one tenth). A width has at most
 *   `MAX_WIDTH_DIGITS` significant digits and lies within
 *   10^-MAX_WIDTH_EXPONENT .. 10^MAX_WIDTH_EXPONENT.
 *
 * Each histogram is answered under `<canonical field>:<canonical interval>`
 * (`creationTime:month` as `creation_time:month`, `successRate:10.0` as
 * `…:10`); the same key twice is one histogram.
 */
import { describeType } from "../contact/types.ts";
import { parseList } from "./name-list.ts";
import { QueryError } from "./query-error.ts";
import { type MeasuredField, resolveMeasuredField } from "./stats.ts";

export const MAX_HISTOGRAMS = 3;
/**
 * Buckets with a key a histogram may hold (the bucket of contacts without a
 * value apart); more among the matching contacts is a 400 that asks for a
 * wider interval. Five years of days fit.
 */
export const MAX_HISTOGRAM_BUCKETS = 2000;
export const MAX_WIDTH_DIGITS = 20;
export const MAX_WIDTH_EXPONENT = 20;

export const CALENDAR_INTERVALS = ["day", "week", "month", "quarter", "year"] as const;
export type CalendarInterval = (typeof CALENDAR_INTERVALS)[number];

export type HistogramInterval =
  | { readonly kind: "calendar"; readonly unit: CalendarInterval }
  /** `width` as a plain decimal without superfluous zeros: `0.5`, `2500`. */
  | { readonly kind: "width"; readonly width: string };

export interface Histogram extends MeasuredField {
  readonly interval: HistogramInterval;
  /** `<canonical field>:<canonical interval>`: the histogram's key in the answer. */
  readonly key: string;
}

/** Parses `histogram=` text, canonical and in code-point order of the keys. Throws `QueryError` (a 400). */
export function parseHistograms(text: string, param = "histogram"): Histogram[] {
  return parseList(
    text,
    param,
    { max: MAX_HISTOGRAMS, items: "histograms", empty: "empty histogram (expected <field>:<interval>)" },
    ({ text: item, at }): Histogram => {
      const colon = item.lastIndexOf(":");
      if (colon === -1) {
        throw new QueryError(param, "syntax", `expected <field>:<interval>, found '${item}'`, at);
      }
      const name = item.slice(0, colon).trim();
      const intervalText = item.slice(colon + 1).trim();
      const measured = resolveMeasuredField(name, param, at);
      const intervalAt = {
        line: 1,
        column: at.column + item.length - item.slice(colon + 1).trimStart().length,
      } as const;
      const interval = parseInterval(intervalText, measured, param, intervalAt);
      const key = `${measured.field.name}:${interval.kind === "calendar" ? interval.unit : interval.width}`;
      return { ...measured, interval, key };
    },
    (histogram) => histogram.key,
  );
}

function parseInterval(
  text: string,
  { field, kind }: MeasuredField,
  param: string,
  at: { line: 1; column: number },
): HistogramInterval {
  if (kind === "timestamp") {
    const unit = CALENDAR_INTERVALS.find((interval) => interval === text);
    if (unit) return { kind: "calendar", unit };
    const folded = CALENDAR_INTERVALS.find((interval) => interval === text.toLowerCase());
    const hint = folded ? ` (did you mean '${folded}'?)` : "";
    throw new QueryError(
      param,
      "invalid-value",
      `interval '${text}' of '${field.name}' (${describeType(field.type)}) must be day, week, month, quarter or year${hint}`,
      at,
    );
  }
  const width = canonicalWidth(text);
  if (width === undefined) {
    throw new QueryError(
      param,
      "invalid-value",
      `interval '${text}' of '${field.name}' must be a positive number such as 10, 0.5 or 1e3, with at most ` +
        `${MAX_WIDTH_DIGITS} significant digits, from 1e-${MAX_WIDTH_EXPONENT} to 1e${MAX_WIDTH_EXPONENT}`,
      at,
    );
  }
  return { kind: "width", width };
}

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d{1,4}))?$/;

/**
 * A positive decimal (`10`, `0.50`, `2.5e3`) as a plain decimal without
 * superfluous zeros (`10`, `0.5`, `2500`), or undefined when it is not one,
 * is zero, or is outside the limits. Exact: digits are moved, never rounded.
 */
export function canonicalWidth(text: string): string | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, whole = "", fraction = "", exponent = "0"] = match;
  let digits = (whole + fraction).replace(/^0+/, "");
  // The value is digits × 10^scale.
  let scale = Number(exponent) - fraction.length;
  if (digits === "") return undefined;
  const trailing = digits.length - digits.replace(/0+$/, "").length;
  digits = digits.slice(0, digits.length - trailing);
  scale += trailing;
  if (digits.length > MAX_WIDTH_DIGITS) return undefined;
  // Smallest digit at 10^scale, largest at 10^(scale + digits - 1).
  const top = scale + digits.length - 1;
  if (scale < -MAX_WIDTH_EXPONENT || top > MAX_WIDTH_EXPONENT || (top === MAX_WIDTH_EXPONENT && digits !== "1")) {
    return undefined;
  }
  if (scale >= 0) return digits + "0".repeat(scale);
  const point = digits.length + scale;
  return point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${"0".repeat(-point)}${digits}`;
}
