import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../src/http/body.ts";
import { LIMITS } from "../../src/query/limits.ts";
import { parseContactQuery, type QueryInput } from "../../src/query/parse-query.ts";
import { QueryError } from "../../src/query/query-error.ts";
import { queryErrorOf } from "../support/query-error.ts";

/**
 * Hostile input up to the size limits: one long token of every kind (numbers,
 * words, strings, escapes, whitespace, parentheses), and long sort field
 * names. Every parse ends in a result or a QueryError, and takes time linear
 * in the input: the readers, the validator and the "did you mean" hints each
 * do a bounded amount of work per character.
 */
const MAX = LIMITS.maxFilterBytes;

function request(fields: Partial<QueryInput>): QueryInput {
  return { qs: "lisp", ss: "simple", page_size: 20, page_number: 1, ...fields };
}

/** Parses; a QueryError is an answer (a 400), anything else fails the test. */
function parse(input: QueryInput): "result" | QueryError {
  try {
    parseContactQuery(input);
    return "result";
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
}

/** One token of a kind, `size` characters long (ASCII, so also bytes). */
type Kind = (typeof KINDS)[number];
const KINDS = [
  "digits",
  "digits+letter",
  "decimal",
  "exponent",
  "word",
  "field",
  "string",
  "escapes",
  "unicode-escapes",
  "bad-escape",
  "unterminated",
  "whitespace",
  "newlines",
  "small-tokens",
  "open-parens",
  "close-parens",
  "nested-lists",
] as const;

function token(kind: Kind, size: number): string {
  const run = (unit: string, length = size) => unit.repeat(Math.max(1, Math.floor(length / unit.length)));
  switch (kind) {
    case "digits":
      return run("1");
    case "digits+letter":
      return `${run("1", size - 1)}x`;
    case "decimal":
      return `0.${run("0", size - 3)}1`;
    case "exponent":
      return `1e${run("0", size - 3)}1`;
    case "word":
      return run("w");
    case "field":
      return `info.${run("x", size - 5)}`;
    case "string":
      return `"${run("s", size - 2)}"`;
    case "escapes":
      return `"${run('\\n\\"\\\\', size - 2)}"`;
    case "unicode-escapes":
      return `"${run("\\u00e9", size - 2)}"`;
    case "bad-escape":
      return `"${run("\\n", size - 4)}\\x"`;
    case "unterminated":
      return `"${run("s", size - 1)}`;
    case "whitespace":
      return run(" \t\u00a0");
    case "newlines":
      return run("\n\r\n");
    case "small-tokens":
      return run("1 a ");
    case "open-parens":
      return run("(");
    case "close-parens":
      return run(")");
    case "nested-lists":
      return run("(1) ");
  }
}

/** Where a token is put: alone, as a value, as an operator, as a field, in JSON. */
const PLACES = [
  (t: string) => request({ q: t }),
  (t: string) => request({ q: `(= name ${t})` }),
  (t: string) => request({ q: `(${t} name "a")` }),
  (t: string) => request({ q: `(= ${t} "a")` }),
  (t: string) => request({ q: `(in info.cosellPartnerMetrics.accountCount (${t}))` }),
  (t: string) => request({ q: `["=","name",${t}]`, qs: "json" }),
  (t: string) => request({ q: `["in","name",[${t}]]`, qs: "json" }),
  (t: string) => request({ s: t }),
  (t: string) => request({ s: [{ field: t }], ss: "json" }),
  (t: string) => request({ s: `[{"field":${t}}]`, ss: "json" }),
];

describe("long tokens of every kind", () => {
  it("end in a result or a QueryError, never another exception", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: MAX - 64 }), fc.constant(MAX - 64)),
        fc.integer({ min: 0, max: PLACES.length - 1 }),
        (kind, size, place) => {
          parse((PLACES[place] as (t: string) => QueryInput)(token(kind, size)));
        },
      ),
      { numRuns: 400 },
    );
  });

  /** The best of a few runs, in ms: a bound on the work, not on the machine's load. */
  function bestTime(input: QueryInput): number {
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      parse(input);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  }

  it("take time linear in the input at the 16 KiB limit", () => {
    // Each of these took between 20 and 600 ms with a quadratic reader or an
    // unbounded edit distance; linear, each takes well under a millisecond.
    const slow: string[] = [];
    for (const kind of KINDS) {
      for (const [place, make] of PLACES.entries()) {
        const input = make(token(kind, MAX - 64));
        const ms = bestTime(input);
        if (ms > 10) slow.push(`${kind} in place ${place}: ${ms.toFixed(1)} ms`);
      }
    }
    // A JSON sort in a POST body is bounded by the 64 KiB body, not the 16 KiB filter.
    const longField = `info.${"x".repeat(MAX_BODY_BYTES - 64)}`;
    const ms = bestTime(request({ s: [{ field: longField }], ss: "json" }));
    if (ms > 10) slow.push(`64 KiB sort field name: ${ms.toFixed(1)} ms`);
    expect(slow).toEqual([]);
  });
});

describe("messages for long tokens", () => {
  it("a long run of digits ending in a letter is an invalid number", () => {
    const error = queryErrorOf(() => parseContactQuery(request({ q: `(= name ${"1".repeat(16_000)}x)` })));
    // Quoted up to 100 characters (src/domain/client-text.ts), cut with an ellipsis.
    expect(error.message).toBe(`q: invalid number '${"1".repeat(100)}…' at line 1, column 9`);
  });

  it("a JSON number is read whole, however long", () => {
    const digits = "1".repeat(500);
    const error = queryErrorOf(() => parseContactQuery(request({ q: `["=","name",${digits}]`, qs: "json" })));
    expect(error.message).toBe(`q: number out of range '${"1".repeat(100)}…' at line 1, column 13`);
  });

  it("a field name far longer than any known one gets no suggestion", () => {
    const name = `info.${"x".repeat(200)}`;
    const quoted = `${name.slice(0, 100)}…`; // at most 100 characters of client text are quoted
    expect(queryErrorOf(() => parseContactQuery(request({ s: name }))).message).toBe(
      `s: unknown field '${quoted}' at line 1, column 1`,
    );
    expect(queryErrorOf(() => parseContactQuery(request({ q: `(= ${name} "a")` }))).message).toBe(
      `q: unknown field '${quoted}' at line 1, column 4`,
    );
    expect(queryErrorOf(() => parseContactQuery(request({ q: `(${"x".repeat(100)} name "a")` }))).message).toBe(
      `q: unknown operator '${"x".repeat(100)}' at line 1, column 2`,
    );
  });

  it("positions after long multi-line strings and whitespace runs count every line", () => {
    const text = `(and\n  (= name "${"a\\n\n".repeat(1000)}")\u00a0\u3000${" ".repeat(5000)}\n   (= name 1.2.3))`;
    expect(queryErrorOf(() => parseContactQuery(request({ q: text }))).message).toBe(
      "q: invalid number '1.2.3' at line 1003, column 12",
    );
  });
});
