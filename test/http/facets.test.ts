import { afterEach, describe, expect, inject, it } from "vitest";
import { buildFilter } from "../../src/query/build-filter.ts";
import { CONTACT_SCOPE, resolveField } from "../../src/query/field-registry.ts";
import { readLisp } from "../../src/query/lisp.ts";
import { ALL_FIXTURES, GENERATED_ORG, ORG_ALPHA, ORG_BETA, ORG_EMPTY } from "../fixtures/contacts.ts";
import { referenceQuery } from "../reference/evaluate.ts";
import { referenceFacet } from "../reference/facets.ts";
import { keyFor, request, roundTripCount } from "../support/http.ts";
import { fault } from "../support/proxy.ts";

/** `GET|POST /org/:orgId/contact/facets` through the Worker: counts, caching, errors. */
function facets(organizationId: string, params: Record<string, string>, key = keyFor(organizationId), init = {}) {
  return request(`/org/${organizationId}/contact/facets?${new URLSearchParams(params)}`, {
    headers: { Authorization: `Bearer ${key}` },
    ...init,
  });
}

function postFacets(organizationId: string, body: unknown, key = keyFor(organizationId)) {
  return request(`/org/${organizationId}/contact/facets`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

interface Facets {
  facets: Record<string, { value: unknown; count: number }[]>;
  total_count: number;
  exact: boolean;
}

async function ok(response: Response): Promise<Facets> {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  return JSON.parse(text) as Facets;
}

async function errorOf(response: Response, status: number): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as string;
}

function expected(q: string | undefined, names: string[], limit = 10): Facets {
  const filter = q ? buildFilter(readLisp(q), "lisp") : null;
  const matching = referenceQuery(ALL_FIXTURES, GENERATED_ORG, filter, []);
  const entries = names.map((name) => {
    const field = resolveField(name, CONTACT_SCOPE);
    if (!field) throw new Error(name);
    return [field.name, referenceFacet(matching, field, limit)] as const;
  });
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { facets: Object.fromEntries(entries), total_count: matching.length, exact: true };
}

afterEach(async () => {
  await fault("reset");
});

describe("facets: counts", () => {
  it("counts strings, numbers, booleans and string arrays with the null rule; keys canonical, in code-point order", async () => {
    const names = ["tags", "info.partner", "emailAddress", "info.cosellPartnerMetrics.accountCount"];
    const body = await ok(await facets(GENERATED_ORG, { facet: names.join(","), limit: "5" }));
    expect(Object.keys(body.facets)).toEqual([
      "email_address",
      "info.cosellPartnerMetrics.accountCount",
      "info.partner",
      "tags",
    ]);
    expect(body).toEqual(expected(undefined, names, 5));
  });

  it("among the contacts matching q; POST with a JSON filter and a list is the same answer and the same entry", async () => {
    const q = '(or (has tags "vip") (exists info.enrichedContactInfo.info.isPrimary))';
    const names = ["info.enrichedContactInfo.info.isPrimary", "info.cosellPartnerMetrics.industries", "info.partner"];
    const get = await facets(GENERATED_ORG, { q, facet: names.join(","), limit: "100" });
    const etag = get.headers.get("ETag");
    const body = await ok(get);
    expect(body).toEqual(expected(q, names, 100));
    expect(body.total_count).toBeGreaterThan(0);
    const posted = await postFacets(GENERATED_ORG, {
      q: ["or", ["has", "tags", "vip"], ["exists", "info.enrichedContactInfo.info.isPrimary"]],
      qs: "json",
      facet: [...names].reverse(),
      limit: "100",
    });
    expect(posted.headers.get("ETag")).toBe(etag);
    expect(await ok(posted)).toEqual(body);
  });

  it("an empty organization: total 0, every list empty", async () => {
    expect(await ok(await facets(ORG_EMPTY, { facet: "tags,name" }))).toEqual({
      facets: { name: [], tags: [] },
      total_count: 0,
      exact: true,
    });
  });
});

describe("facets: the edge cache", () => {
  it("a miss is one round trip, a hit none; If-None-Match gets a 304", async () => {
    const params = { facet: "info.partner", q: `(!= name "cache-${Date.now()}")` };
    await (await facets(ORG_ALPHA, { limit: "0" })).text(); // a 400 after authentication: the key's verdict is cached
    const before = await roundTripCount();
    const first = await facets(ORG_ALPHA, params);
    expect(first.headers.get("X-Cache")).toBe("MISS");
    const etag = first.headers.get("ETag") as string;
    await first.text();
    expect(await roundTripCount()).toBe(before + 1);
    let second: Response | undefined;
    for (let attempt = 0; attempt < 50; attempt++) {
      second = await facets(ORG_ALPHA, params);
      if (second.headers.get("X-Cache") === "HIT") break;
      await second.text();
      await new Promise((resolve) => setTimeout(resolve, 50)); // the write happens after the answer
    }
    expect(second?.headers.get("X-Cache")).toBe("HIT");
    await second?.text();
    const afterHit = await roundTripCount();
    const notModified = await facets(ORG_ALPHA, params, keyFor(ORG_ALPHA), {
      headers: {
        Authorization: `Bearer ${keyFor(ORG_ALPHA)}`,
        "If-None-Match": etag,
      },
    });
    expect(notModified.status).toBe(304);
    expect(await roundTripCount()).toBe(afterHit);
  });
});

describe("facets: errors", () => {
  it("400s name the parameter and the field", async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, "facet: at least one of facet, stats or histogram is required"],
      [{ facet: "" }, "facet: at least one of facet, stats or histogram is required"],
      [{ facet: " " }, "facet: required: 1 to 5 comma-separated fields"],
      [{ facet: "name,tags,id,info.partner,email_address,info.role" }, "facet: at most 5 fields are allowed, found 6"],
      [{ facet: "tag" }, "facet: unknown field 'tag' (did you mean 'tags'?) at line 1, column 1"],
      [
        { facet: "name, creation_time" },
        "facet: field 'creation_time' is of type date-time; facets count string, integer, number, boolean and string[] fields at line 1, column 7",
      ],
      [
        { facet: "info.cosellPartnerMetrics.accounts" },
        "facet: field 'info.cosellPartnerMetrics.accounts' is of type object[]; facets count string, integer, number, boolean and string[] fields at line 1, column 1",
      ],
      [{ facet: "name,,tags" }, "facet: empty field name at line 1, column 6"],
      [{ facet: "name", limit: "0" }, "limit: must be an integer between 1 and 100"],
      [{ facet: "name", limit: "101" }, "limit: must be an integer between 1 and 100"],
      [{ facet: "name", limit: "ten" }, "limit: must be an integer between 1 and 100"],
      [
        { facet: "name", page_size: "3" },
        "page_size: unknown parameter (expected q, qs, search, facet, limit, stats, histogram or count)",
      ],
      [{ facet: "name", q: "(= name 3)" }, "q: "],
    ];
    for (const [params, message] of cases) {
      const body = await errorOf(await facets(ORG_ALPHA, params), 400);
      if (message.endsWith(": ")) expect(body.startsWith(message), body).toBe(true);
      else expect(body).toBe(message);
    }
    const repeated = await request(`/org/${ORG_ALPHA}/contact/facets?facet=name&facet=tags`, {
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
    });
    expect(await errorOf(repeated, 400)).toBe("facet: given more than once");
    expect(await errorOf(await postFacets(ORG_ALPHA, { facet: ["name"], limit: 1.5 }), 400)).toBe(
      "limit: must be an integer between 1 and 100",
    );
    expect(await errorOf(await postFacets(ORG_ALPHA, { limit: 3 }), 400)).toBe(
      "facet: at least one of facet, stats or histogram is required",
    );
    expect(await errorOf(await postFacets(ORG_ALPHA, { facet: "name", s: "name" }), 400)).toBe(
      "s: unknown parameter (expected q, qs, search, facet, limit, stats, histogram or count in the JSON body)",
    );
  });

  it("authentication first; 405 for other methods", async () => {
    const none = await request(`/org/${ORG_ALPHA}/contact/facets?limit=0`);
    expect(await errorOf(none, 401)).toMatch(/key/);
    expect(await errorOf(await facets(ORG_ALPHA, { limit: "0" }, inject("revokedKey")), 401)).toMatch(/key/);
    expect(await errorOf(await facets(ORG_ALPHA, { facet: "name" }, keyFor(ORG_BETA)), 403)).toMatch(/organization/);
    const put = await request(`/org/${ORG_ALPHA}/contact/facets`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
    });
    expect(await errorOf(put, 405)).toBe("method DELETE not allowed; use GET or POST");
    expect(put.headers.get("Allow")).toBe("GET, POST");
  });

  it("the database down: 503 with Retry-After", async () => {
    await fault("down");
    const response = await facets(ORG_ALPHA, { facet: "name", q: `(= name "down-${Date.now()}")` });
    expect(await errorOf(response, 503)).toMatch(/^database unavailable/);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});
