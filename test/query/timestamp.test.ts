import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildFilter } from "../../src/query/build-filter.ts";
import { readJson } from "../../src/query/json.ts";
import { readLisp } from "../../src/query/lisp.ts";
import { QueryError } from "../../src/query/query-error.ts";
import { timestampLiteral } from "../../src/query/timestamp.ts";
import { queryErrorOf } from "../support/query-error.ts";

/**
 * Timestamp literals over the whole range the language reads (years 0001 to
 * 9999, every zone spelling), checked against an instant computed here from
 * the parts, independently of the parser: in range, a literal is accepted and
 * its normalized value is the same instant; out of range (after the zone is
 * applied), it is a 400 that names it.
 */

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

/** Microseconds since the epoch, exactly (a bigint: the range exceeds 2^53 µs). */
function instant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  micros: number,
  offsetMinutes: number,
): bigint {
  const seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  return BigInt(seconds) * 1_000_000n + BigInt(micros);
}

const MIN = instant(1, 1, 1, 0, 0, 0, 0, 0);
const MAX = instant(9999, 12, 31, 23, 59, 59, 999_999, 0);

/** The instant of a normalized value, `YYYY-MM-DDTHH:MM:SS.ffffffZ`, read by this test alone. */
function normalizedInstant(value: string): bigint {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z$/.exec(value);
  if (!match) throw new Error(`not a normalized timestamp: ${value}`);
  const [, y, mo, d, h, mi, s, f] = match.map(Number) as number[];
  return instant(y as number, mo as number, d as number, h as number, mi as number, s as number, f as number, 0);
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

interface Generated {
  text: string;
  instant: bigint;
}

/** Dates anywhere, and often at the ends of the range, where a zone can push the instant out. */
const dateArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({
        year: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.constantFrom(1, 2, 9998, 9999)),
        month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(1, 2, 12)),
        day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constantFrom(1, 31)),
      })
      // Clamped rather than filtered: the last day of each month is common, an edge worth having.
      .map(({ year, month, day }) => ({ year, month, day: Math.min(day, daysInMonth(year, month)) })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom({ year: 1, month: 1, day: 1 }, { year: 9999, month: 12, day: 31 }),
  },
);

const zoneArb = fc.oneof(
  fc.constant({ text: "", minutes: 0 }),
  fc.constant({ text: "Z", minutes: 0 }),
  fc
    .record({
      sign: fc.constantFrom(1, -1),
      hours: fc.oneof(fc.integer({ min: 0, max: 15 }), fc.constantFrom(0, 1, 14, 15)),
      minutes: fc.integer({ min: 0, max: 59 }),
      spelling: fc.constantFrom("+HH", "+HHMM", "+HH:MM"),
    })
    .map(({ sign, hours, minutes, spelling }) => {
      const head = `${sign > 0 ? "+" : "-"}${pad(hours)}`;
      const mins = spelling === "+HH" ? 0 : minutes;
      const text = spelling === "+HH" ? head : spelling === "+HHMM" ? `${head}${pad(mins)}` : `${head}:${pad(mins)}`;
      return { text, minutes: sign * (hours * 60 + mins) };
    }),
);

const timeArb = fc.record({
  separator: fc.constantFrom("T", " "),
  hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 23)),
  minute: fc.integer({ min: 0, max: 59 }),
  /** undefined: minutes only. */
  second: fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
  /** 0 to 6 fraction digits (0: no fraction), only with seconds. */
  fraction: fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.oneof(fc.integer({ min: 0, max: 999_999 }), fc.constant(999_999)))
    .map(([digits, value]) => pad(value, 6).slice(0, digits)),
  zone: zoneArb,
});

const timestampArb: fc.Arbitrary<Generated> = fc
  .record({ date: dateArb, time: fc.option(timeArb, { nil: undefined }) })
  .map(({ date, time }) => {
    const dateText = `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
    if (!time) return { text: dateText, instant: instant(date.year, date.month, date.day, 0, 0, 0, 0, 0) };
    const seconds = time.second === undefined ? "" : `:${pad(time.second)}${time.fraction ? `.${time.fraction}` : ""}`;
    const fraction = time.second === undefined ? "" : time.fraction;
    return {
      text: `${dateText}${time.separator}${pad(time.hour)}:${pad(time.minute)}${seconds}${time.zone.text}`,
      instant: instant(
        date.year,
        date.month,
        date.day,
        time.hour,
        time.minute,
        time.second ?? 0,
        Number(fraction.padEnd(6, "0")),
        time.zone.minutes,
      ),
    };
  });

const inRange = (value: bigint) => value >= MIN && value <= MAX;

/** The literal in a filter of either syntax, through the reader and the validator. */
function filterWith(text: string, syntax: "lisp" | "json") {
  return syntax === "lisp"
    ? buildFilter(readLisp(`(> creation_time ${JSON.stringify(text)})`), "lisp")
    : buildFilter(readJson(JSON.stringify([">", "creation_time", text]), "q"), "json");
}

describe("timestamp literals over the whole range", () => {
  it("are accepted in range with a normalized value of the same instant, and a 400 naming them out of range", () => {
    fc.assert(
      fc.property(
        timestampArb,
        fc.constantFrom("lisp", "json") as fc.Arbitrary<"lisp" | "json">,
        (generated, syntax) => {
          const checked = timestampLiteral(generated.text, "creation_time");
          if (inRange(generated.instant)) {
            if (!("value" in checked)) throw new Error(`refused ${generated.text}: ${checked.error}`);
            expect(normalizedInstant(checked.value)).toBe(generated.instant);
            // The normalized value is itself a literal of the same value.
            expect(timestampLiteral(checked.value, "creation_time")).toEqual({ value: checked.value });
            expect(JSON.stringify(filterWith(generated.text, syntax))).toContain(JSON.stringify(checked.value));
          } else {
            const error = queryErrorOf(() => filterWith(generated.text, syntax));
            expect(error.code).toBe("invalid-value");
            expect(error.message).toContain(`timestamp '${generated.text}' for 'creation_time' is out of range`);
            expect(error.message).toMatch(syntax === "lisp" ? / at line 1, column 18$/ : / at \/2$/);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("reach both ends of the range and past them", () => {
    // The generator above is only as good as its edges: make sure they are there.
    const samples = fc.sample(timestampArb, { numRuns: 5000, seed: 42 });
    expect(samples.some((s) => s.instant < MIN)).toBe(true);
    expect(samples.some((s) => s.instant > MAX)).toBe(true);
    expect(samples.some((s) => s.instant >= MIN && s.instant < MIN + 86_400_000_000n)).toBe(true);
    expect(samples.some((s) => s.instant <= MAX && s.instant > MAX - 86_400_000_000n)).toBe(true);
  });

  it("never fail with anything but a QueryError, whatever the text", () => {
    const near = fc
      .array(fc.constantFrom(..."0123456789-:T .Z+".split(""), "0001-01-01", "9999-12-31", "T23:59", "+15:59"), {
        maxLength: 12,
      })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(
        fc.oneof(
          near,
          fc.string({ maxLength: 40 }),
          timestampArb.map((g) => g.text),
        ),
        (text) => {
          try {
            filterWith(text, "lisp");
          } catch (error) {
            if (!(error instanceof QueryError)) throw error;
            expect(error.code).toBe("invalid-value");
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  const cases: [string, string][] = [
    [
      '(> creation_time "0001-01-01T00:00:00+01:00")',
      `q: timestamp '0001-01-01T00:00:00+01:00' for 'creation_time' is out of range (in UTC it must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z) at line 1, column 18`,
    ],
    [
      '(< creation_time "9999-12-31T23:00:00-01:00")',
      `q: timestamp '9999-12-31T23:00:00-01:00' for 'creation_time' is out of range (in UTC it must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z) at line 1, column 18`,
    ],
    [
      '(> creation_time "2024-02-30")',
      `q: unparsable timestamp '2024-02-30' for 'creation_time' (expected ISO-8601 such as "2024-05-01" or "2024-05-01T10:00:00Z") at line 1, column 18`,
    ],
  ];
  for (const [q, message] of cases) {
    it(`refuses ${q}`, () => {
      expect(queryErrorOf(() => buildFilter(readLisp(q), "lisp")).message).toBe(message);
    });
  }

  it("normalizes the ends of the range exactly, to the microsecond", () => {
    expect(timestampLiteral("0001-01-01T01:00:00+01", "f")).toEqual({ value: "0001-01-01T00:00:00.000000Z" });
    expect(timestampLiteral("0001-01-01", "f")).toEqual({ value: "0001-01-01T00:00:00.000000Z" });
    expect(timestampLiteral("9999-12-31T22:59:59.999999-01:00", "f")).toEqual({
      value: "9999-12-31T23:59:59.999999Z",
    });
    expect(timestampLiteral("0099-03-01 12:00:00.000001", "f")).toEqual({ value: "0099-03-01T12:00:00.000001Z" });
  });
});
