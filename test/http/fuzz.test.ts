import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_QUOTED_CHARS } from "../../src/domain/client-text.ts";
import { LIMITS } from "../../src/query/limits.ts";
import { type JsonFilter, printLisp } from "../../src/query/print.ts";
import { GENERATED_ORG } from "../fixtures/contacts.ts";
import { filterArbitrary, sortArbitrary } from "../support/arbitraries.ts";
import { testEnv } from "../support/env.ts";
import { keyFor, type Page, postQuery, request } from "../support/http.ts";

/**
 * Fuzzing through the Worker (OWASP API4/API8): generated query strings and
 * bodies, valid and broken, must only ever produce 200 or a 4xx — never a 500 —
 * and a 200 must only contain the caller's organization.
 * FUZZ_RUNS sets the number of cases per property (`npm run fuzz` runs many more).
 */
const RUNS = Number(testEnv.FUZZ_RUNS ?? 300);
const ALLOWED = new Set([200, 400, 413]);

/** Breaks a valid text at random: deletions, insertions, duplications. */
const mutated = (text: fc.Arbitrary<string>) =>
  fc
    .tuple(
      text,
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.constantFrom("", "(", ")", '"', "\\", " ", "%", "[", "]", ",", "\u0000", "é", "'", ";"),
          fc.boolean(),
        ),
        { maxLength: 3 },
      ),
    )
    .map(([base, edits]) => {
      let result = base;
      for (const [at, insert, remove] of edits) {
        const i = result.length === 0 ? 0 : at % result.length;
        result = result.slice(0, i) + insert + result.slice(remove ? i + 1 : i);
      }
      return result;
    });

const lispText = filterArbitrary.map((json) => printLisp(json as JsonFilter));
const jsonText = filterArbitrary.map((json) => JSON.stringify(json));

const paramValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer({ min: -5, max: 2000 }).map(String),
  fc.constantFrom("lisp", "json", "simple", "", "1", "1000", "100001"),
);

const queryParams = fc.dictionary(
  fc.oneof(fc.constantFrom("page_size", "page_number", "q", "qs", "s", "ss"), fc.string({ maxLength: 8 })),
  fc.oneof(paramValue, mutated(lispText), lispText, jsonText, mutated(jsonText), sortArbitrary, mutated(sortArbitrary)),
  { maxKeys: 5 },
);

async function check(response: Response, clientText: readonly string[] = []): Promise<boolean> {
  const text = await response.text();
  expect(ALLOWED.has(response.status), `${response.status}: ${text.slice(0, 300)}`).toBe(true);
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  // An error quotes at most MAX_QUOTED_CHARS characters of any one piece of client text.
  for (const piece of clientText) {
    if (response.status !== 200 && piece.length > MAX_QUOTED_CHARS) {
      expect(text).not.toContain(piece.slice(0, MAX_QUOTED_CHARS + 1));
    }
  }
  if (response.status === 200) {
    const page = JSON.parse(text) as Page;
    expect(page.data.every((contact) => contact.organizationID === GENERATED_ORG)).toBe(true);
  } else {
    expect(typeof JSON.parse(text)).toBe("string");
  }
  return true;
}

/** Names no registry holds: huge, markup, quotes, look-alikes. */
const hostileName = fc.oneof(
  fc.integer({ min: 101, max: 20_000 }).map((n) => "n".repeat(n)),
  fc.constantFrom("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}}", "$(x)", "info.<b>x</b>"),
  fc.string({ minLength: 1, maxLength: 300 }),
);

const FIELDS = ["name", "email_address", "creation_time", "info.partner", "info.enrichedContactInfo.lastUpdateTime"];
const VALUES = ['"a"', '"2024-01-01"', "3", '"2024-01-01T10:00:00Z"', "true"];
/** A long filter: an and/or of many comparisons, up to the operator limit. */
const longFilter = fc
  .tuple(
    fc.constantFrom("and", "or"),
    fc.array(fc.tuple(fc.constantFrom("=", ">", "<", "!=", "ilike", "in"), fc.nat(), fc.nat()), {
      minLength: 50,
      maxLength: LIMITS.maxFilterNodes,
    }),
  )
  .map(
    ([op, leaves]) =>
      `(${op} ${leaves
        .map(([cmp, f, v]) => {
          const value = VALUES[v % VALUES.length];
          return cmp === "in"
            ? `(in ${FIELDS[f % FIELDS.length]} (${value}))`
            : `(${cmp} ${FIELDS[f % FIELDS.length]} ${value})`;
        })
        .join(" ")})`,
  );

describe("fuzzing through the Worker", () => {
  it(`answers ${RUNS} generated query strings with 200 or 400 only`, async () => {
    await fc.assert(
      fc.asyncProperty(queryParams, fc.boolean(), async (params, duplicate) => {
        const search = new URLSearchParams(params);
        if (duplicate && search.size > 0) search.append([...search.keys()][0] ?? "q", "x");
        const response = await request(`/org/${GENERATED_ORG}/contact/query?${search}`, {
          headers: { Authorization: `Bearer ${keyFor(GENERATED_ORG)}` },
        });
        return check(response);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it(`answers ${RUNS} generated POST bodies with 200 or 4xx only`, async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record(
        {
          q: fc.oneof(filterArbitrary, lispText, fc.jsonValue({ maxDepth: 3 })),
          qs: fc.constantFrom("json", "lisp", "x"),
          s: fc.oneof(sortArbitrary, fc.jsonValue({ maxDepth: 2 })),
          page_size: fc.oneof(fc.integer({ min: 0, max: 1001 }), fc.string({ maxLength: 4 })),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => check(await postQuery(GENERATED_ORG, JSON.stringify(value) ?? "null"))),
      { numRuns: RUNS },
    );
  }, 600_000);

  it(`answers ${Math.ceil(RUNS / 3)} hostile names and long filters with 200 or 4xx, quoting at most ${MAX_QUOTED_CHARS} characters`, async () => {
    const request_ = fc.oneof(
      hostileName.map((name) => ({ search: { [name]: "1" }, pieces: [name] })),
      hostileName.map((name) => ({ search: { q: `(= ${name} "a")` }, pieces: [name] })),
      hostileName.map((name) => ({ search: { q: `(${name} name "a")` }, pieces: [name] })),
      hostileName.map((name) => ({ search: { s: `${name}:desc` }, pieces: [name] })),
      hostileName.map((name) => ({ search: { s: `name:${name}` }, pieces: [name] })),
      hostileName.map((name) => ({ search: { fields: name }, pieces: [name] })),
      hostileName.map((name) => ({ search: { q: `(> creation_time "${name}")` }, pieces: [name] })),
      longFilter.map((q) => ({ search: { q }, pieces: [] as string[] })),
      longFilter.map((q) => ({ search: { q: q.replace("(=", "(nosuchop") }, pieces: [] as string[] })),
    );
    await fc.assert(
      fc.asyncProperty(request_, async ({ search, pieces }) => {
        const response = await request(`/org/${GENERATED_ORG}/contact/query?${new URLSearchParams(search)}`, {
          headers: { Authorization: `Bearer ${keyFor(GENERATED_ORG)}` },
        });
        return check(response, pieces);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  }, 600_000);
});
