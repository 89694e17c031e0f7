import { describe, expect, it } from "vitest";
import { ORG_ALPHA } from "../fixtures/contacts.ts";
import { type Page, postQuery, query } from "../support/http.ts";

/**
 * Every operator family through the Worker, in both syntaxes and both methods,
 * against the hand-written rows of org_alpha (c_ada, c_grace, c_obrien).
 */
const cases: { lisp: string; json: unknown; ids: string[] }[] = [
  { lisp: '(= name "Ada Lovelace")', json: ["=", "name", "Ada Lovelace"], ids: ["c_ada"] },
  {
    lisp: '(and (= info.partner "AWS") (>= info.cosellPartnerMetrics.accountCount 3))',
    json: ["and", ["=", "info.partner", "AWS"], [">=", "info.cosellPartnerMetrics.accountCount", 3]],
    ids: ["c_ada"],
  },
  {
    lisp: '(or (ilike emailAddress "%@ACME.com") (has tags "vip"))',
    json: ["or", ["ilike", "emailAddress", "%@ACME.com"], ["has", "tags", "vip"]],
    ids: ["c_ada"],
  },
  {
    lisp: '(not (in info.enrichedContactInfo.status ("archived" "stale")))',
    json: ["not", ["in", "info.enrichedContactInfo.status", ["archived", "stale"]]],
    ids: ["c_ada", "c_obrien"],
  },
  {
    lisp: '(any info.cosellPartnerMetrics.accounts (and (= industry "Software") (> createdDate "2024-01-01")))',
    json: [
      "any",
      "info.cosellPartnerMetrics.accounts",
      ["and", ["=", "industry", "Software"], [">", "createdDate", "2024-01-01"]],
    ],
    ids: ["c_ada"],
  },
  {
    lisp: '(any info.cosellPartnerMetrics.accounts (any opportunities (= stageName "Closed Won")))',
    json: ["any", "info.cosellPartnerMetrics.accounts", ["any", "opportunities", ["=", "stageName", "Closed Won"]]],
    ids: ["c_ada"],
  },
  {
    lisp: '(!= email_address "ada@acme.com")',
    json: ["ne", "email_address", "ada@acme.com"],
    ids: ["c_grace", "c_obrien"],
  },
  {
    lisp: '(between creation_time "2024-01-01" "2024-06-01T00:00:00Z")',
    json: ["between", "creationTime", "2024-01-01", "2024-06-01T00:00:00Z"],
    ids: ["c_grace"],
  },
  { lisp: '(contains name "O\\"B")', json: ["contains", "name", 'O"B'], ids: ["c_obrien"] },
  { lisp: '(istarts-with name "ADA")', json: ["istarts-with", "name", "ADA"], ids: ["c_ada"] },
  { lisp: '(not-like name "%Hopper")', json: ["not-like", "name", "%Hopper"], ids: ["c_ada", "c_obrien"] },
  { lisp: "(is-null email_address)", json: ["is-null", "email_address"], ids: ["c_obrien"] },
  { lisp: "(exists info.partner)", json: ["exists", "info.partner"], ids: ["c_ada", "c_grace"] },
  { lisp: "(= company_contact_id null)", json: ["=", "company_contact_id", null], ids: ["c_grace"] },
  { lisp: '(has-all tags ("vip" "partner"))', json: ["has-all", "tags", ["vip", "partner"]], ids: ["c_ada"] },
  { lisp: '(has-any tags ("partner" "x"))', json: ["has-any", "tags", ["partner", "x"]], ids: ["c_ada", "c_grace"] },
  {
    lisp: '(has info.cosellPartnerMetrics.industries "Software")',
    json: ["has", "info.cosellPartnerMetrics.industries", "Software"],
    ids: ["c_ada"],
  },
  {
    lisp: "(> info.cosellPartnerMetrics.pipeline.USD 100000)",
    json: ["gt", "info.cosellPartnerMetrics.pipeline.USD", 100000],
    ids: ["c_ada"],
  },
  { lisp: '(nin info.partner ("AWS"))', json: ["nin", "info.partner", ["AWS"]], ids: ["c_grace", "c_obrien"] },
];

async function ids(response: Response): Promise<string[]> {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  const page = JSON.parse(text) as Page;
  expect(page.total_count).toBe(page.data.length);
  return page.data.map((contact) => contact.id as string);
}

describe("filters over HTTP", () => {
  for (const { lisp, json, ids: expected } of cases) {
    it(lisp, async () => {
      const sorted = [...expected].sort();
      const s = "id";
      expect(await ids(await query(ORG_ALPHA, { q: lisp, s }))).toEqual(sorted);
      expect(await ids(await query(ORG_ALPHA, { q: JSON.stringify(json), qs: "json", s }))).toEqual(sorted);
      expect(await ids(await postQuery(ORG_ALPHA, { q: json, qs: "json", s }))).toEqual(sorted);
      expect(await ids(await postQuery(ORG_ALPHA, { q: lisp, s, page_size: 50 }))).toEqual(sorted);
    });
  }
});

describe("sorting over HTTP", () => {
  it("sorts by a column, either syntax", async () => {
    expect(await ids(await query(ORG_ALPHA, { s: "name" }))).toEqual(["c_ada", "c_grace", "c_obrien"]);
    expect(await ids(await query(ORG_ALPHA, { s: "-name" }))).toEqual(["c_obrien", "c_grace", "c_ada"]);
    const json = JSON.stringify([{ field: "name", order: "desc" }]);
    expect(await ids(await query(ORG_ALPHA, { s: json, ss: "json" }))).toEqual(["c_obrien", "c_grace", "c_ada"]);
    expect(await ids(await postQuery(ORG_ALPHA, { s: [{ field: "name" }], ss: "json" }))).toEqual([
      "c_ada",
      "c_grace",
      "c_obrien",
    ]);
  });

  it("puts missing values last in both directions", async () => {
    const field = "info.cosellPartnerMetrics.accountCount";
    expect(await ids(await query(ORG_ALPHA, { s: `${field}:desc` }))).toEqual(["c_ada", "c_grace", "c_obrien"]);
    expect(await ids(await query(ORG_ALPHA, { s: `${field}:asc` }))).toEqual(["c_grace", "c_ada", "c_obrien"]);
    expect(await ids(await query(ORG_ALPHA, { s: "email_address" }))).toEqual(["c_ada", "c_grace", "c_obrien"]);
    expect(await ids(await query(ORG_ALPHA, { s: "-email_address" }))).toEqual(["c_grace", "c_ada", "c_obrien"]);
  });
});

describe("language errors over HTTP", () => {
  const errors: [Record<string, string>, string][] = [
    [{ q: '(= name "Ada"' }, "q: expected ')' at line 1, column 14"],
    [
      { q: '(= info.companyNam "x")' },
      "q: unknown field 'info.companyNam' (did you mean 'info.companyName'?) at line 1, column 4",
    ],
    [{ q: '["=", "nme", "x"]', qs: "json" }, "q: unknown field 'nme' (did you mean 'name'?) at /1"],
    [{ s: "nmae" }, "s: unknown field 'nmae' (did you mean 'name'?) at line 1, column 1"],
    [{ q: "x".repeat(16 * 1024 + 1) }, "q: filter is 16385 bytes; at most 16384 are allowed"],
  ];
  for (const [params, message] of errors) {
    it(message, async () => {
      const response = await query(ORG_ALPHA, params);
      expect(response.status).toBe(400);
      expect(await response.json()).toBe(message);
    });
  }

  it("rejects a POST body that is not a JSON object, or has unknown fields", async () => {
    for (const [body, pattern] of [
      ["not json", /^body: /],
      ["[1,2]", /^body: must be a JSON object$/],
      [{ q: '(= name "a")', limit: 3 }, /^limit: unknown parameter/],
      [{ page_size: 0 }, /^page_size: must be an integer between 1 and 1000$/],
      [{ q: ["=", "name", "a"] }, /^q: must be a string when qs is 'lisp' \(for a JSON filter, send "qs": "json"\)$/],
    ] as const) {
      const response = await postQuery(ORG_ALPHA, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatch(pattern);
    }
  });
});
