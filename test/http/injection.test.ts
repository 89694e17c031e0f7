import { describe, expect, it } from "vitest";
import { ORG_ALPHA } from "../fixtures/contacts.ts";
import { keyFor, type Page, postQuery, query, request } from "../support/http.ts";

/**
 * An injection corpus: hostile text in every place a client controls. Values
 * are bound parameters and names are looked up in the registry, so each is
 * either a harmless literal (200, no match) or a 400 — never a 500 — and the
 * data is intact afterwards.
 */
const HOSTILE_VALUES = [
  "'; DROP TABLE contacts; --",
  '" OR 1=1 --',
  "' OR '1'='1",
  "/* comment */ name",
  "\\",
  "\\\\'",
  "$$ select 1 $$",
  "$1",
  "E'\\x27'",
  "ＯＲ １＝１", // full-width look-alikes
  "ℕ𝔞𝔪𝔢",
  "%' --",
  "\u202e;drop", // right-to-left override
];

const HOSTILE_FIELDS = [
  "info.a'b",
  'info."companyName"',
  "info.{companyName}",
  "info.companyName->>'x'",
  "info.companyName; DROP TABLE contacts",
  "name; DROP TABLE contacts",
  "__proto__",
  "info.__proto__",
  "info.constructor",
  "info.__proto__.polluted",
  "tags[0]",
  "info..companyName",
  "info.",
  "(select 1)",
  'name COLLATE "C"',
];

async function expectHarmless(response: Response): Promise<number> {
  const text = await response.text();
  expect([200, 400]).toContain(response.status);
  if (response.status === 200)
    expect((JSON.parse(text) as Page).data.every((c) => c.organizationID === ORG_ALPHA)).toBe(true);
  else expect(typeof JSON.parse(text)).toBe("string");
  return response.status;
}

describe("injection corpus", () => {
  it("binds hostile values as plain literals", async () => {
    for (const value of HOSTILE_VALUES) {
      for (const q of [
        `(= name ${JSON.stringify(value)})`,
        `(contains info.companyName ${JSON.stringify(value)})`,
        `(ilike email_address ${JSON.stringify(`%${value}`)})`,
        `(in name (${JSON.stringify(value)} "x"))`,
        `(has tags ${JSON.stringify(value)})`,
        `(any info.cosellPartnerMetrics.accounts (= industry ${JSON.stringify(value)}))`,
      ]) {
        const status = await expectHarmless(await query(ORG_ALPHA, { q, page_size: "3" }));
        if (!q.includes("ilike")) expect(status, q).toBe(200);
      }
    }
  });

  it("refuses NUL in strings with a 400 instead of a database error", async () => {
    const response = await query(ORG_ALPHA, { q: '(= name "a\\u0000b")' });
    expect(response.status).toBe(400);
    expect(await response.json()).toBe("q: strings may not contain the NUL character (\\u0000) at line 1, column 9");
  });

  it("rejects hostile field names in filters and sorts with a 400", async () => {
    for (const field of HOSTILE_FIELDS) {
      expect(
        await expectHarmless(await query(ORG_ALPHA, { q: JSON.stringify(["=", field, "x"]), qs: "json" })),
        field,
      ).toBe(400);
      expect(await expectHarmless(await query(ORG_ALPHA, { s: field }))).toBe(400);
      expect(await expectHarmless(await query(ORG_ALPHA, { s: JSON.stringify([{ field }]), ss: "json" }))).toBe(400);
    }
  });

  it("rejects objects where scalars belong", async () => {
    const bodies: unknown[] = [
      { q: ["=", "name", { $ne: 1 }], qs: "json" },
      { q: ["=", { $where: "1" }, "x"], qs: "json" },
      { q: ["in", "name", [{ a: 1 }]], qs: "json" },
      { q: { op: "=", field: "name" }, qs: "json" },
      { q: ["=", "name", "x"], qs: { $ne: "lisp" } },
      { page_size: { $gt: 0 } },
      { s: [{ field: { $gt: "" } }], ss: "json" },
      { __proto__: { page_size: 1 }, q: '(= name "x")' },
      JSON.parse('{"__proto__": {"polluted": true}, "q": "(= name \\"x\\")"}'),
    ];
    for (const body of bodies) {
      expect(await expectHarmless(await postQuery(ORG_ALPHA, body))).not.toBe(500);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps hostile organization ids and operators out of SQL", async () => {
    const key = keyFor(ORG_ALPHA);
    for (const org of ["org_alpha' OR '1'='1", "org_alpha;--", "%27%20OR%201%3D1"]) {
      const response = await request(`/org/${encodeURIComponent(org)}/contact/query`, {
        headers: { Authorization: `Bearer ${key}` },
      });
      expect(response.status).toBe(403);
    }
    for (const op of ["=;", "or 1=1", "pg_sleep", "||"]) {
      expect(await expectHarmless(await query(ORG_ALPHA, { q: JSON.stringify([op, "name", "x"]), qs: "json" }))).toBe(
        400,
      );
    }
  });

  it("leaves the data intact", async () => {
    const page = (await (await query(ORG_ALPHA, { page_size: "50" })).json()) as Page;
    expect(page.total_count).toBe(3);
  });
});
