import { MAX_BODY_BYTES } from "../../src/http/body.ts";
import { LIMITS } from "../../src/query/limits.ts";

/**
 * Hostile requests at every limit of the language, for `npm run bench:cpu`:
 * the largest `q` made of one kind of token, filters at (and one past) each
 * shape limit, the longest sorts and field names, a full POST body. Each is
 * sized to stay within the byte limit it probes, so the readers and the
 * validator really run on it (a `q` over 16 KiB would be refused unread).
 */
export type AdversarialCase =
  | {
      readonly name: string;
      readonly kind: "get";
      readonly q?: string;
      readonly qs?: "lisp" | "json";
      readonly s?: string;
      readonly ss?: "simple" | "json";
    }
  | { readonly name: string; readonly kind: "post"; readonly body: string };

const Q_BYTES = LIMITS.maxFilterBytes;
const BODY_BYTES = MAX_BODY_BYTES;

/** `prefix + filler… + suffix`, exactly `size` characters (ASCII) long. */
function fill(prefix: string, unit: string, suffix: string, size: number): string {
  const room = size - prefix.length - suffix.length;
  const body = unit.repeat(Math.floor(room / unit.length));
  return prefix + body + suffix;
}

/** `(and (and (… leaf …)))`: `depth` operators deep. */
function nested(depth: number): string {
  return `${"(and ".repeat(depth - 1)}(= name "x")${")".repeat(depth - 1)}`;
}

/** An `and` of `operators - 1` leaves (the `and` counts one). */
function wide(operators: number): string {
  return `(and ${Array.from({ length: operators - 1 }, (_, i) => `(= name "${i}")`).join(" ")})`;
}

function list(values: number): string {
  return `(in name (${Array.from({ length: values }, (_, i) => `"${i}"`).join(" ")}))`;
}

const SORTABLE = [
  "name",
  "creation_time",
  "last_update_time",
  "email_address",
  "company_contact_id",
  "info.partner",
  "info.companyName",
  "info.cosellPartnerMetrics.pipeline.USD",
  "info.role",
];

export function adversarialCases(): AdversarialCase[] {
  const lisp = (name: string, q: string): AdversarialCase => ({ name, kind: "get", q });
  const json = (name: string, q: string): AdversarialCase => ({ name, kind: "get", q, qs: "json" });
  const sort = (name: string, s: string): AdversarialCase => ({ name, kind: "get", s });
  const post = (name: string, body: unknown): AdversarialCase => ({
    name,
    kind: "post",
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const longName = (size: number) => fill("info.", "x", "", size);
  return [
    // 16 KiB of one kind of token (LISP).
    lisp("q 16 KiB: one long number, then a letter", fill("(= name ", "1", "x)", Q_BYTES)),
    lisp("q 16 KiB: one long number", fill("(= info.cosellPartnerMetrics.accountCount ", "1", ")", Q_BYTES)),
    lisp("q 16 KiB: one long decimal", fill("(= info.cosellPartnerMetrics.accountCount 0.", "0", "1)", Q_BYTES)),
    lisp(
      "q 16 KiB: number with a long exponent",
      fill("(= info.cosellPartnerMetrics.accountCount 1e", "0", "1)", Q_BYTES),
    ),
    lisp("q 16 KiB: one long word (field)", fill("(= ", "x", ' "a")', Q_BYTES)),
    lisp("q 16 KiB: one long word (operator)", fill("(", "x", ' name "a")', Q_BYTES)),
    lisp("q 16 KiB: one long string", fill('(= name "', "a", '")', Q_BYTES)),
    lisp("q 16 KiB: unterminated string", fill('(= name "', "a", "", Q_BYTES)),
    lisp("q 16 KiB: string of \\n escapes", fill('(= name "', "\\n", '")', Q_BYTES)),
    lisp("q 16 KiB: string of \\u escapes", fill('(= name "', "\\u00e9", '")', Q_BYTES)),
    lisp('q 16 KiB: string of \\" escapes', fill('(= name "', '\\"', '")', Q_BYTES)),
    lisp("q 16 KiB: long timestamp string", fill('(> creation_time "2024-01-01', "0", '")', Q_BYTES)),
    lisp("q 16 KiB: whitespace", fill('(= name "a"', " ", ")", Q_BYTES)),
    lisp("q 16 KiB: newlines", fill('(= name "a"', "\n", ")", Q_BYTES)),
    lisp("q 16 KiB: many small tokens", fill("(= name ", "1 ", ")", Q_BYTES)),
    lisp("q 16 KiB: opening parentheses", "(".repeat(Q_BYTES)),
    // 16 KiB of one kind of token (JSON).
    json("q 16 KiB JSON: one long number", fill('["=","info.cosellPartnerMetrics.accountCount",', "1", "]", Q_BYTES)),
    json("q 16 KiB JSON: one long string", fill('["=","name","', "a", '"]', Q_BYTES)),
    json("q 16 KiB JSON: string of \\u escapes", fill('["=","name","', "\\u00e9", '"]', Q_BYTES)),
    json("q 16 KiB JSON: whitespace", fill('["=","name",', " ", '"a"]', Q_BYTES)),
    json("q 16 KiB JSON: many small tokens", fill('["in","name",[', "1,", "1]]", Q_BYTES)),
    json("q 16 KiB JSON: one long field name", fill('["=","', "x", '","a"]', Q_BYTES)),
    json("q 16 KiB JSON: opening brackets", "[".repeat(Q_BYTES)),
    // Shape limits, at and one past each.
    lisp("500 operators (limit)", wide(500)),
    lisp("501 operators", wide(501)),
    lisp("depth 32 (limit)", nested(32)),
    lisp("depth 33", nested(33)),
    lisp("1000-value list (limit)", list(1000)),
    lisp("1001-value list", list(1001)),
    sort("8 sort keys (limit)", SORTABLE.slice(0, 8).join(",")),
    sort("9 sort keys", SORTABLE.join(",")),
    sort("s 16 KiB: many sort keys", fill("", "name,", "name", Q_BYTES)),
    sort("s 16 KiB: whitespace around one key", fill("", " ", "name:desc", Q_BYTES)),
    sort("s 16 KiB: colons", fill("name", ":", "", Q_BYTES)),
    // The longest field names.
    sort("s 16 KiB: one field name (simple sort)", longName(Q_BYTES)),
    {
      name: "s 16 KiB: one field name (JSON sort text)",
      kind: "get",
      s: `[{"field":"${longName(Q_BYTES - 14)}"}]`,
      ss: "json",
    },
    lisp("q 16 KiB: one info field name", fill("(= info.", "x", ' "a")', Q_BYTES)),
    post("POST 64 KiB: JSON sort, one field name", {
      ss: "json",
      s: [{ field: longName(BODY_BYTES - 40) }],
    }),
    // Whole POST bodies.
    post("POST 64 KiB: JSON filter value over the q limit", {
      qs: "json",
      // Each value is 6 bytes: `"123",`.
      q: ["in", "name", Array.from({ length: Math.floor((BODY_BYTES - 40) / 6) }, (_, i) => String(100 + (i % 900)))],
    }),
    post("POST 64 KiB: q string of whitespace", { q: " ".repeat(BODY_BYTES - 16) }),
    post("POST 64 KiB: q string over the limit", { q: fill('(= name "', "a", '")', BODY_BYTES - 16) }),
  ];
}
