/**
 * @module ISO-8601 timestamps as the language accepts them: a date, optionally a time
 * (`T` or space, minutes, seconds, up to 6 fractional digits) and a zone (`Z`,
 * `+HH`, `+HHMM`, `+HH:MM`). A value without a zone is UTC.
 *
 * The same rules decide which stored `info` strings count as timestamps (see
 * `contact_text_timestamp` in drizzle/0007_json_timestamp.sql), so a malformed stored value is
 * simply not a timestamp rather than a database error.
 */
import { clip } from "../domain/client-text.ts";

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** `YYYY-MM-DDTHH:MM:SS.ffffff+HH:MM`: no text longer than this is a timestamp. */
const MAX_LENGTH = 32;

/**
 * An instant as whole milliseconds since the Unix epoch plus the microseconds
 * within that millisecond: exact over the whole range (microseconds since the
 * epoch alone would exceed 2^53 before the year 1685 and after 2255).
 */
export interface Instant {
  readonly millis: number;
  readonly micros: number;
}

/**
 * The instants a literal may denote: those whose normalized UTC form, the
 * value bound for Postgres, has a year of four digits, 0001 to 9999 (Postgres
 * refuses `0000-12-31T23:00:00Z` and `+010000-01-01T00:00:00Z`). A literal such
 * as `0001-01-01T00:00:00+01:00` is a valid timestamp whose instant is outside.
 */
const MIN_TIMESTAMP = "0001-01-01T00:00:00Z";
const MAX_TIMESTAMP = "9999-12-31T23:59:59.999999Z";
const MIN_MILLIS = new Date(0).setUTCFullYear(1, 0, 1); // Date.UTC would read the year 1 as 1901
const MAX_MILLIS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The instant `text` denotes, or undefined when it is not a valid timestamp (any, as `timestampMicros` takes). */
export function parseInstant(text: string): Instant | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone = "Z"] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMins = Number(digits.slice(2) || "0");
    if (offsetHours > 15 || offsetMins > 59) return undefined;
    offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const fractionMicros = Number(fraction.padEnd(6, "0"));
  return {
    millis: date.getTime() + Math.floor(fractionMicros / 1000) - offsetMinutes * 60_000,
    micros: fractionMicros % 1000,
  };
}

/**
 * Microseconds since the Unix epoch, or undefined when `text` is not a valid
 * timestamp. Any valid timestamp, including one whose instant is outside
 * MIN_TIMESTAMP..MAX_TIMESTAMP (a stored value may be); exact to the
 * microsecond between the years 1685 and 2255, to a few dozen microseconds beyond.
 */
export function timestampMicros(text: string): number | undefined {
  const instant = parseInstant(text);
  return instant && instant.millis * 1000 + instant.micros;
}

/**
 * A timestamp literal of a filter: its normalized UTC form
 * (`YYYY-MM-DDTHH:MM:SS.ffffffZ`, the value bound for Postgres), or the 400's
 * message when it is not a timestamp or its instant is outside what Postgres
 * accepts.
 */
export function timestampLiteral(text: string, field: string): { value: string } | { error: string } {
  const instant = parseInstant(text);
  if (!instant) {
    return {
      error: `unparsable timestamp '${clip(text)}' for '${field}' (expected ISO-8601 such as "2024-05-01" or "2024-05-01T10:00:00Z")`,
    };
  }
  if (instant.millis < MIN_MILLIS || instant.millis > MAX_MILLIS) {
    return {
      error: `timestamp '${clip(text)}' for '${field}' is out of range (in UTC it must lie between ${MIN_TIMESTAMP} and ${MAX_TIMESTAMP})`,
    };
  }
  return { value: formatInstant(instant) };
}

/** `YYYY-MM-DDTHH:MM:SS.ffffffZ`; the instant is in range, so the year has four digits. */
function formatInstant({ millis, micros }: Instant): string {
  const iso = new Date(millis).toISOString();
  return `${iso.slice(0, -1)}${String(micros).padStart(3, "0")}Z`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
