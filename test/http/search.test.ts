import { describe, expect, it } from "vitest";
import { cacheKeyUrl } from "../../src/cache/cache-key.ts";
import { readAnswer } from "../../src/cache/edge-cache.ts";
import { currentGeneration } from "../../src/cache/generation.ts";
import { canonicalQuery } from "../../src/query/canonical.ts";
import { parseContactQuery, type QueryInput } from "../../src/query/parse-query.ts";
import { GENERATED_ORG, ORG_ALPHA, ORG_BETA } from "../fixtures/contacts.ts";
import { testEnv } from "../support/env.ts";
import { keyFor, postQuery, query, request, statementCount } from "../support/http.ts";

/** `search=` through the Worker: what it finds, its 400s on every endpoint, the cache key and the page token. */
const ENDPOINTS = ["query", "export", "facets"] as const;
type Endpoint = (typeof ENDPOINTS)[number];

function get(endpoint: Endpoint, params: Record<string, string>, organizationId = ORG_ALPHA) {
  const all = endpoint === "facets" ? { facet: "info.partner", ...params } : params;
  return request(`/org/${organizationId}/contact/${endpoint}?${new URLSearchParams(all)}`, {
    headers: { Authorization: `Bearer ${keyFor(organizationId)}` },
  });
}

function post(endpoint: Endpoint, body: Record<string, unknown>, organizationId = ORG_ALPHA) {
  const all = endpoint === "facets" ? { facet: "info.partner", ...body } : body;
  return request(`/org/${organizationId}/contact/${endpoint}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${keyFor(organizationId)}`, "Content-Type": "application/json" },
    body: JSON.stringify(all),
  });
}

async function ids(response: Response): Promise<string[]> {
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { data: { id: string }[] }).data.map((contact) => contact.id);
}

async function error(response: Response): Promise<string> {
  expect(response.status).toBe(400);
  return (await response.json()) as string;
}

async function waitForEntry(input: Partial<QueryInput>): Promise<void> {
  const parsed = parseContactQuery({ qs: "lisp", ss: "simple", page_size: 20, ...input });
  const generation = await currentGeneration(testEnv.CACHE_GENERATIONS, ORG_ALPHA);
  const key = await cacheKeyUrl(ORG_ALPHA, generation, canonicalQuery(parsed));
  for (let attempt = 0; attempt < 100 && (await readAnswer(key)) === undefined; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("search", () => {
  it("finds contacts by the beginnings of their words, in any field, case and accent", async () => {
    expect(await ids(await query(ORG_ALPHA, { search: "ada lov" }))).toEqual(["c_ada"]);
    expect(await ids(await query(ORG_ALPHA, { search: "LOVE, ada" }))).toEqual(["c_ada"]);
    expect(await ids(await query(ORG_ALPHA, { search: "Ádà" }))).toEqual(["c_ada"]);
    expect(await ids(await query(ORG_ALPHA, { search: "acme.com" }))).toEqual(["c_ada"]);
    // Words from different fields: the name and the company.
    expect(await ids(await query(ORG_ALPHA, { search: "grace navy" }))).toEqual(["c_grace"]);
    expect(await ids(await query(ORG_ALPHA, { search: "velace" }))).toEqual([]);
    expect(await ids(await query(ORG_ALPHA, { search: "ada grace" }))).toEqual([]);
    // Only the organization's own contacts: another organization has an Ada Lovelace too.
    expect(await ids(await query(ORG_BETA, { search: "ada" }))).toEqual(["c_beta_1"]);
  });

  it("combines with q by AND, on every endpoint, by GET and POST", async () => {
    expect(await ids(await query(ORG_ALPHA, { search: "g", q: '(= info.partner "AZURE")' }))).toEqual(["c_grace"]);
    expect(
      await ids(await postQuery(ORG_ALPHA, { search: "hopper", q: ["has", "tags", "partner"], qs: "json" })),
    ).toEqual(["c_grace"]);
    const exported = await (await post("export", { search: "Lovelace", s: "id" })).text();
    expect(
      exported
        .trimEnd()
        .split("\n")
        .map((line) => (JSON.parse(line) as { id: string }).id),
    ).toEqual(["c_ada"]);
    const csv = await (await get("export", { search: "hopp", format: "csv", fields: "name" })).text();
    expect(csv).toBe("id,name\r\nc_grace,Grace Hopper\r\n");
    const facets = (await (await get("facets", { search: "ada" })).json()) as Record<string, unknown>;
    expect(facets).toEqual({ facets: { "info.partner": [{ value: "AWS", count: 1 }] }, total_count: 1, exact: true });
    const posted = (await (await post("facets", { search: "navy", q: "(exists name)" })).json()) as Record<
      string,
      unknown
    >;
    expect(posted).toEqual({ facets: { "info.partner": [{ value: "AZURE", count: 1 }] }, total_count: 1, exact: true });
  });

  it("treats an empty or blank search as absent", async () => {
    const all = await ids(await query(ORG_ALPHA, {}));
    expect(await ids(await query(ORG_ALPHA, { search: "" }))).toEqual(all);
    expect(await ids(await query(ORG_ALPHA, { search: "   " }))).toEqual(all);
    expect(await ids(await postQuery(ORG_ALPHA, { search: null }))).toEqual(all);
  });

  for (const endpoint of ENDPOINTS) {
    it(`answers 400 naming search on ${endpoint}, GET and POST`, async () => {
      const cases: [string, string][] = [
        ["é".repeat(201), "search: text is 201 characters long; at most 200 are allowed"],
        ["a b c d e f g h i", "search: text has 9 words; at most 8 are allowed"],
        ["ada, ada ada ada ada ada ada ada ada", "search: text has 9 words; at most 8 are allowed"],
        ["!?@ —", "search: text has no word to search for (a word is letters and digits)"],
        ["\u0301\u0308", "search: text has no word to search for (a word is letters and digits)"],
      ];
      for (const [text, message] of cases) {
        expect(await error(await get(endpoint, { search: text }))).toBe(message);
        expect(await error(await post(endpoint, { search: text }))).toBe(message);
      }
      // 200 characters (code points, 400 UTF-16 units here) are allowed.
      expect((await get(endpoint, { search: "𝒜".repeat(200) })).status).toBe(200);
      expect(await error(await post(endpoint, { search: 42 }))).toBe("search: must be a string");
      const twice = `/org/${ORG_ALPHA}/contact/${endpoint}?search=a&search=b${endpoint === "facets" ? "&facet=tags" : ""}`;
      const repeated = await request(twice, { headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` } });
      expect(await error(repeated)).toBe("search: given more than once");
    });
  }

  it("shares one cache entry between spellings of the same search (case, accents, punctuation, order)", async () => {
    const first = await query(ORG_ALPHA, { search: "Ada Lovelace", page_size: "7" });
    expect(first.headers.get("X-Cache")).toBe("MISS");
    const body = await first.text();
    await waitForEntry({ search: "Ada Lovelace", page_size: 7 });
    const before = await statementCount();
    for (const spelling of [
      "ada lovelace",
      "LOVELACE, Ádá",
      "  ada--lovelace!",
      "lovelace ada ada",
      "ad ada lovelace",
    ]) {
      const again = await query(ORG_ALPHA, { search: spelling, page_size: "7" });
      expect(again.headers.get("X-Cache"), spelling).toBe("HIT");
      expect(await again.text()).toBe(body);
    }
    const posted = await postQuery(ORG_ALPHA, { search: "lovelace ADA", page_size: 7 });
    expect(posted.headers.get("X-Cache")).toBe("HIT");
    expect(await statementCount()).toBe(before);
    // Another search is another entry, and so is no search.
    expect((await query(ORG_ALPHA, { search: "Ada Lovelac", page_size: "7" })).headers.get("X-Cache")).toBe("MISS");
    expect((await query(ORG_ALPHA, { page_size: "7" })).headers.get("X-Cache")).toBe("MISS");
  });

  it("binds a page token to the search: any spelling continues the walk, another search does not", async () => {
    const first = (await (await query(GENERATED_ORG, { search: "ada", page_size: "2", s: "id" })).json()) as {
      data: { id: string }[];
      next_page_token: string | null;
    };
    expect(first.data.length).toBe(2);
    const token = first.next_page_token as string;
    expect(token).toBeTruthy();
    const next = await query(GENERATED_ORG, { search: "ÁDA!", page_size: "2", s: "id", page_token: token });
    const second = await ids(next);
    expect(second.length).toBeGreaterThan(0);
    expect(second.every((id) => !first.data.some((contact) => contact.id === id))).toBe(true);
    const others: Record<string, string>[] = [{ search: "adam" }, {}, { q: "(exists name)", search: "ada" }];
    for (const params of others) {
      const mismatch = await query(GENERATED_ORG, { ...params, page_size: "2", s: "id", page_token: token });
      expect(await error(mismatch)).toBe("page_token: does not match q and s");
    }
  });
});
