import { afterEach, describe, expect, it, vi } from "vitest";
import { generationTime } from "../../src/cache/generation.ts";
import { MAX_BODY_BYTES } from "../../src/http/body.ts";
import { ORG_ALPHA, ORG_BETA } from "../fixtures/contacts.ts";
import { testEnv } from "../support/env.ts";
import { keyFor, postQuery, query, request, statementCount } from "../support/http.ts";
import { requestWith } from "../support/worker-env.ts";

/**
 * Protections of the HTTP surface that no other file owns: `Vary:
 * Authorization`, the POST body limit, the cache failing soft when Workers KV
 * fails, purges under concurrency.
 */
afterEach(() => {
  vi.restoreAllMocks();
});
const vary = (response: Response) => response.headers.get("Vary") ?? "";

describe("Vary: Authorization", () => {
  it("on pages (200), on 304s and on errors under /org/", async () => {
    const page = await query(ORG_ALPHA, { page_size: "46" });
    expect(page.status).toBe(200);
    expect(vary(page)).toMatch(/\bAuthorization\b/);
    const notModified = await request(`/org/${ORG_ALPHA}/contact/query?page_size=46`, {
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}`, "If-None-Match": page.headers.get("ETag") ?? "" },
    });
    expect(notModified.status).toBe(304);
    expect(vary(notModified)).toMatch(/\bAuthorization\b/);
    const answers = [
      await request(`/org/${ORG_ALPHA}/contact/query`), // 401
      await query(ORG_ALPHA, {}, keyFor(ORG_BETA)), // 403
      await query(ORG_ALPHA, { q: "(= nme 1)" }), // 400
      await request(`/org/${ORG_ALPHA}/contact/fields`, { headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` } }),
      await request(`/org/${ORG_ALPHA}/nope`), // 404
    ];
    expect(answers.map((response) => response.status)).toEqual([401, 403, 400, 200, 404]);
    for (const response of answers) expect(vary(response), String(response.status)).toMatch(/\bAuthorization\b/);
  });

  it("not on the public documents, which do not depend on it", async () => {
    expect(vary(await request("/openapi.json"))).not.toMatch(/Authorization/);
  });
});

describe("POST body limit", () => {
  it(`a body over ${MAX_BODY_BYTES} bytes is a 413 naming the body and the limit, before it is parsed`, async () => {
    const response = await postQuery(ORG_ALPHA, `{"q": "${"x".repeat(MAX_BODY_BYTES)}"}`);
    expect(response.status).toBe(413);
    expect(await response.json()).toBe(`body: larger than ${MAX_BODY_BYTES} bytes`);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    // Not JSON at all, and over the limit: still a 413, so the size is checked first.
    expect((await postQuery(ORG_ALPHA, "{".repeat(MAX_BODY_BYTES + 1))).status).toBe(413);
    // Exactly at the limit: read (and here refused as a bad filter, a 400).
    const atLimit = `{"q": "${"x".repeat(MAX_BODY_BYTES - 9)}"}`;
    expect(new TextEncoder().encode(atLimit).length).toBe(MAX_BODY_BYTES);
    expect((await postQuery(ORG_ALPHA, atLimit)).status).toBe(400);
  });
});

describe("Workers KV failing", () => {
  const failingKv = {
    get: async () => {
      throw new Error("KV GET failed: 503 Service Unavailable");
    },
    put: async () => {
      throw new Error("KV PUT failed: 503 Service Unavailable");
    },
  } as unknown as KVNamespace;

  it("a failed generation read answers from the database, uncached (logged), never a 500", async () => {
    const warnings: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((line: unknown) => {
      warnings.push(String(line));
    });
    const path = `/org/${ORG_ALPHA}/contact/query?page_size=47&s=name`;
    const init = { headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` } };
    const expected = await (await request(path, init)).text(); // the same page through the working cache
    for (let i = 0; i < 2; i++) {
      const before = await statementCount();
      const response = await requestWith({ CACHE_GENERATIONS: failingKv }, path, init);
      expect(response.status).toBe(200);
      expect(response.headers.get("X-Cache")).toBe("MISS");
      expect(await response.text()).toBe(expected);
      expect(await statementCount()).toBeGreaterThan(before); // from the database every time: nothing was cached
    }
    expect(warnings.filter((line) => line.includes("cache generation unavailable"))).toHaveLength(2);
    expect(warnings.join("\n")).not.toContain("503 Service Unavailable");
  });
});

describe("purges under concurrency", () => {
  it("10 concurrent purges of one organization all succeed, and the next page is a miss", async () => {
    expect((await query(ORG_BETA, { page_size: "48" })).status).toBe(200);
    const purges = await Promise.all(
      Array.from({ length: 10 }, () =>
        request(`/org/${ORG_BETA}/contact/cache/purge`, {
          method: "POST",
          headers: { Authorization: `Bearer ${keyFor(ORG_BETA)}` },
        }),
      ),
    );
    expect(purges.map((response) => response.status)).toEqual(Array(10).fill(200));
    const generations = await Promise.all(
      purges.map(async (response) => ((await response.json()) as { generation: string }).generation),
    );
    // Coalesced (one write in flight and one queued at a time): far fewer writes than purges.
    expect(new Set(generations).size).toBeLessThan(10);
    // The stored generation is the newest any purge returned (requests may reach the Worker in any order).
    const newest = generations.reduce((a, b) => (generationTime(b) > generationTime(a) ? b : a));
    expect(await testEnv.CACHE_GENERATIONS?.get(`generation:${ORG_BETA}`)).toBe(newest);
    expect((await query(ORG_BETA, { page_size: "48" })).headers.get("X-Cache")).toBe("MISS");
  });
});

describe("the cache never outlives its database (CACHE_NAMESPACE)", () => {
  it("an entry filled under one database's namespace is not read under another's", async () => {
    const path = `/org/${ORG_ALPHA}/contact/query?page_size=49&s=id`;
    const init = { headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` } };
    const run = `${Date.now()}`;
    const one = { CACHE_NAMESPACE: `db-one-${run}` };
    const other = { CACHE_NAMESPACE: `db-other-${run}` };
    expect((await requestWith(one, path, init)).headers.get("X-Cache")).toBe("MISS");
    expect((await requestWith(one, path, init)).headers.get("X-Cache")).toBe("HIT");
    expect((await requestWith(other, path, init)).headers.get("X-Cache")).toBe("MISS");
    expect((await requestWith(other, path, init)).headers.get("X-Cache")).toBe("HIT");
  });
});
