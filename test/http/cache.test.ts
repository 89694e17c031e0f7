import { describe, expect, it } from "vitest";
import { cacheKeyUrl } from "../../src/cache/cache-key.ts";
import { readAnswer } from "../../src/cache/edge-cache.ts";
import { currentGeneration } from "../../src/cache/generation.ts";
import { cacheSettingsFrom } from "../../src/cache/settings.ts";
import { canonicalQuery } from "../../src/query/canonical.ts";
import { parseContactQuery, type QueryInput } from "../../src/query/parse-query.ts";
import { ORG_ALPHA, ORG_BETA } from "../fixtures/contacts.ts";
import { testEnv } from "../support/env.ts";
import { keyFor, type Page, postQuery, query, request, setDatabaseDown, statementCount } from "../support/http.ts";

/** The edge cache in workerd: keys, equivalence, tenancy, validators, staleness, purge. */
const settings = cacheSettingsFrom(testEnv);

function expectCache(response: Response, status: "HIT" | "MISS" | "STALE") {
  expect(response.headers.get("X-Cache"), `X-Cache of ${response.url}`).toBe(status);
}

async function keyOf(organizationId: string, input: Partial<QueryInput>): Promise<string> {
  const parsed = parseContactQuery({ qs: "lisp", ss: "simple", page_size: 20, page_number: 1, ...input });
  const generation = await currentGeneration(testEnv.CACHE_GENERATIONS, organizationId);
  return cacheKeyUrl(organizationId, generation, canonicalQuery(parsed));
}

/** Rewrites when an entry was stored, to make it look `ageSeconds` old. */
async function age(key: string, ageSeconds: number): Promise<void> {
  const cache = await caches.open("contact-query");
  const response = await cache.match(key);
  if (!response) throw new Error(`no cache entry for ${key}`);
  const headers = new Headers(response.headers);
  headers.set("X-Stored-At", String(Date.now() - ageSeconds * 1000));
  await cache.put(key, new Response(await response.text(), { headers }));
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The cache write happens in waitUntil after the response; wait for it before asserting a hit. */
async function stored(key: string): Promise<void> {
  await waitFor(async () => (await readAnswer(key)) !== undefined, "the cache write");
}

describe("edge cache", () => {
  it("misses, then hits without any database statement", async () => {
    const q = '(= info.partner "AWS")';
    const first = await query(ORG_ALPHA, { q, page_size: "31" });
    expectCache(first, "MISS");
    const body = await first.text();
    await stored(await keyOf(ORG_ALPHA, { q, page_size: 31 }));

    const before = await statementCount();
    const second = await query(ORG_ALPHA, { q, page_size: "31" });
    expectCache(second, "HIT");
    expect(await second.text()).toBe(body);
    expect(await statementCount()).toBe(before);
    expect(second.headers.get("Cache-Control")).toMatch(/^private, max-age=\d+, stale-while-revalidate=\d+$/);
    expect(second.headers.get("Server-Timing")).toMatch(/cache;dur=/);
    expect(second.headers.get("ETag")).toBe(first.headers.get("ETag"));
  });

  it("shares one entry between every spelling of the same query", async () => {
    const first = await query(ORG_ALPHA, {
      q: "(>= info.cosellPartnerMetrics.accountCount 1)",
      s: "-creation_time,email_address",
      page_size: "32",
    });
    expectCache(first, "MISS");
    const body = await first.text();
    await stored(
      await keyOf(ORG_ALPHA, {
        q: "(>= info.cosellPartnerMetrics.accountCount 1)",
        s: "-creation_time,email_address",
        page_size: 32,
      }),
    );
    const json = '["gte", "info.cosellPartnerMetrics.accountCount", 1]';
    const variants: (() => Promise<Response>)[] = [
      () =>
        query(
          ORG_ALPHA,
          "page_size=32&s=-creation_time,email_address&q=(%3E%3D%20info.cosellPartnerMetrics.accountCount%201)",
        ),
      () =>
        query(ORG_ALPHA, {
          q: "  ( gte\n info.cosellPartnerMetrics.accountCount   1 ) ",
          s: "creation_time:desc, emailAddress:asc",
          page_size: "32",
        }),
      () =>
        query(ORG_ALPHA, {
          q: json,
          qs: "json",
          s: '[{"field":"creationTime","order":"desc"},{"field":"email_address"}]',
          ss: "json",
          page_size: "32",
          page_number: "1",
        }),
      () =>
        postQuery(ORG_ALPHA, {
          q: JSON.parse(json),
          qs: "json",
          s: [{ field: "creation_time", order: "desc" }, { field: "emailAddress" }],
          ss: "json",
          page_size: 32,
        }),
      () =>
        postQuery(ORG_ALPHA, {
          q: "(>= info.cosellPartnerMetrics.accountCount 1)",
          s: "-creation_time,email_address",
          page_size: "32",
          page_number: 1,
        }),
    ];
    for (const variant of variants) {
      const response = await variant();
      expectCache(response, "HIT");
      expect(await response.text()).toBe(body);
    }
  });

  it("treats explicit defaults like absent parameters", async () => {
    expectCache(await query(ORG_BETA, { page_size: "33" }), "MISS");
    await stored(await keyOf(ORG_BETA, { page_size: 33 }));
    expectCache(
      await query(ORG_BETA, {
        page_size: "33",
        page_number: "1",
        qs: "lisp",
        ss: "simple",
        s: "creation_time:desc",
        q: "",
      }),
      "HIT",
    );
  });

  it("misses for a different page, filter or organization", async () => {
    expectCache(await query(ORG_ALPHA, { q: '(has tags "vip")', page_size: "34" }), "MISS");
    await stored(await keyOf(ORG_ALPHA, { q: '(has tags "vip")', page_size: 34 }));
    expectCache(await query(ORG_ALPHA, { q: '(has tags "vip")', page_size: "34", page_number: "2" }), "MISS");
    expectCache(await query(ORG_ALPHA, { q: '(has tags "partner")', page_size: "34" }), "MISS");
    const beta = await query(ORG_BETA, { q: '(has tags "vip")', page_size: "34" });
    expectCache(beta, "MISS");
    const page = (await beta.json()) as Page;
    expect(page.data.map((contact) => contact.id)).toEqual(["c_beta_1"]);
  });

  it("never serves one organization's entry to another, nor to a key of another organization", async () => {
    const alpha = await query(ORG_ALPHA, { page_size: "35" });
    expectCache(alpha, "MISS");
    await stored(await keyOf(ORG_ALPHA, { page_size: 35 }));
    expectCache(await query(ORG_ALPHA, { page_size: "35" }), "HIT");

    const crossTenant = await query(ORG_ALPHA, { page_size: "35" }, keyFor(ORG_BETA));
    expect(crossTenant.status).toBe(403);
    expect(crossTenant.headers.get("X-Cache")).toBeNull();
    const noKey = await request(`/org/${ORG_ALPHA}/contact/query?page_size=35`);
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get("X-Cache")).toBeNull();

    const beta = await query(ORG_BETA, { page_size: "35" });
    const page = (await beta.json()) as Page;
    expect(page.data.every((contact) => contact.organizationID === ORG_BETA)).toBe(true);
  });

  it("answers a matching If-None-Match with 304 and no body", async () => {
    const first = await query(ORG_ALPHA, { page_size: "36" });
    const etag = first.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    await stored(await keyOf(ORG_ALPHA, { page_size: 36 }));
    const revalidated = await request(`/org/${ORG_ALPHA}/contact/query?page_size=36`, {
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}`, "If-None-Match": `W/"x", ${etag}` },
    });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    expect(revalidated.headers.get("ETag")).toBe(etag);
    expectCache(revalidated, "HIT");
    const changed = await request(`/org/${ORG_ALPHA}/contact/query?page_size=36`, {
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}`, "If-None-Match": '"other"' },
    });
    expect(changed.status).toBe(200);
  });

  it("serves a stale entry and refreshes it in the background", async () => {
    const key = await keyOf(ORG_ALPHA, { page_size: 37 });
    expectCache(await query(ORG_ALPHA, { page_size: "37" }), "MISS");
    await stored(key);
    await age(key, settings.ttlSeconds + 1);
    const before = (await readAnswer(key))?.storedAt ?? 0;

    const stale = await query(ORG_ALPHA, { page_size: "37" });
    expectCache(stale, "STALE");
    expect(((await stale.json()) as Page).total_count).toBe(3);
    await waitFor(async () => ((await readAnswer(key))?.storedAt ?? 0) > before, "the background refresh");
    expectCache(await query(ORG_ALPHA, { page_size: "37" }), "HIT");
  });

  it("serves a stale entry while the database is down, within the stale-if-error limit", async () => {
    const key = await keyOf(ORG_ALPHA, { page_size: 38 });
    expectCache(await query(ORG_ALPHA, { page_size: "38" }), "MISS");
    await stored(key);
    await age(key, settings.ttlSeconds + settings.staleWhileRevalidateSeconds + 1);
    await setDatabaseDown(true);
    try {
      const response = await query(ORG_ALPHA, { page_size: "38" });
      expect(response.status).toBe(200);
      expectCache(response, "STALE");
      await age(key, settings.ttlSeconds + settings.staleWhileRevalidateSeconds + settings.staleIfErrorSeconds + 1);
      const tooOld = await query(ORG_ALPHA, { page_size: "38" });
      expect(tooOld.status).toBe(503);
      expect(tooOld.headers.get("Retry-After")).not.toBeNull();
    } finally {
      await setDatabaseDown(false);
    }
  });

  it("does not cache errors", async () => {
    for (let i = 0; i < 2; i++) {
      const response = await query(ORG_ALPHA, { q: "(= nope 1)", page_size: "39" });
      expect(response.status).toBe(400);
      expect(response.headers.get("X-Cache")).toBeNull();
      expect(response.headers.get("Cache-Control")).toBe("no-store");
    }
    await setDatabaseDown(true);
    try {
      expect((await query(ORG_ALPHA, { page_size: "40" })).status).toBe(503);
    } finally {
      await setDatabaseDown(false);
    }
    expectCache(await query(ORG_ALPHA, { page_size: "40" }), "MISS");
  });

  it("purges an organization: its next request is a miss, other organizations keep their entries", async () => {
    expectCache(await query(ORG_ALPHA, { page_size: "41" }), "MISS");
    expectCache(await query(ORG_BETA, { page_size: "41" }), "MISS");
    await stored(await keyOf(ORG_ALPHA, { page_size: 41 }));
    await stored(await keyOf(ORG_BETA, { page_size: 41 }));
    expectCache(await query(ORG_ALPHA, { page_size: "41" }), "HIT");

    const purge = await request(`/org/${ORG_ALPHA}/contact/cache/purge`, {
      method: "POST",
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
    });
    expect(purge.status).toBe(200);
    expectCache(await query(ORG_ALPHA, { page_size: "41" }), "MISS");
    expectCache(await query(ORG_BETA, { page_size: "41" }), "HIT");

    const foreign = await request(`/org/${ORG_ALPHA}/contact/cache/purge`, {
      method: "POST",
      headers: { Authorization: `Bearer ${keyFor(ORG_BETA)}` },
    });
    expect(foreign.status).toBe(403);
  });
});
