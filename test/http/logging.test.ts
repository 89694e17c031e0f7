import { afterEach, describe, expect, it, vi } from "vitest";
import { cacheKeyUrl } from "../../src/cache/cache-key.ts";
import { readAnswer } from "../../src/cache/edge-cache.ts";
import { currentGeneration } from "../../src/cache/generation.ts";
import { cacheSettingsFrom } from "../../src/cache/settings.ts";
import { canonicalQuery } from "../../src/query/canonical.ts";
import { parseContactQuery } from "../../src/query/parse-query.ts";
import { ORG_ALPHA } from "../fixtures/contacts.ts";
import { testEnv } from "../support/env.ts";
import { keyFor, query, setDatabaseDown } from "../support/http.ts";
import { fault } from "../support/proxy.ts";

/** One structured line per request, without secrets or internals (OWASP API8). */
function captureLogs() {
  const lines: string[] = [];
  const record = (...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  };
  vi.spyOn(console, "log").mockImplementation(record);
  vi.spyOn(console, "error").mockImplementation(record);
  vi.spyOn(console, "warn").mockImplementation(record);
  return lines;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await fault("reset");
});

/** Waits for `check`, polling (background work runs after the response). */
async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("request log", () => {
  it("writes one JSON line per request with org, status, cache, db time and rows", async () => {
    const lines = captureLogs();
    const secretFilter = '(= email_address "someone.private@example.com")';
    await query(ORG_ALPHA, { q: secretFilter, page_size: "42" });
    const entries = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => "route" in entry);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      level: "info",
      method: "GET",
      route: "/org/:orgId/contact/query",
      org: ORG_ALPHA,
      status: 200,
      rows: 0,
    });
    expect(["MISS", "HIT"]).toContain(entries[0]?.cache);
    const all = lines.join("\n");
    expect(all).not.toContain(keyFor(ORG_ALPHA));
    expect(all).not.toContain("someone.private");
    expect(all).not.toMatch(/select|postgres(ql)?:\/\//i);
  });

  it("logs failures without secrets or SQL either", async () => {
    const lines = captureLogs();
    await query(ORG_ALPHA, { q: "(= nope 1)" });
    await setDatabaseDown(true);
    try {
      await query(ORG_ALPHA, { page_size: "43" });
    } finally {
      await setDatabaseDown(false);
    }
    const statuses = lines
      .map((line) => JSON.parse(line) as { status?: number })
      .flatMap((entry) => (entry.status ? [entry.status] : []));
    expect(statuses).toEqual([400, 503]);
    const all = lines.join("\n");
    expect(all).not.toContain(keyFor(ORG_ALPHA));
    expect(all).not.toMatch(/select|postgres(ql)?:\/\/|at .*\.ts:\d+/i);
  });
});

describe("no client text in any log line", () => {
  /** A value only this test sends: it must reach Postgres (as a bound parameter) and no log. */
  const secret = `client-secret-${Date.now()}@example.com`;
  const filter = `(= email_address "${secret}")`;

  it("an SQL error quoting the client's value: a 500 whose log line names the error and its SQLSTATE only", async () => {
    expect((await query(ORG_ALPHA, { page_size: "44" })).status).toBe(200); // the key's verdict is cached
    const lines = captureLogs();
    await fault("fail", { count: 1 }); // the next statement fails with 22P02, quoting its bound values
    const response = await query(ORG_ALPHA, { q: filter, page_size: "44" });
    expect(response.status).toBe(500);
    expect(await response.json()).toBe("internal error");
    const all = lines.join("\n");
    expect(all).toContain('"code":"22P02"');
    expect(all).not.toContain(secret);
    expect(all).not.toContain("invalid input syntax");
  });

  it("a background refresh failing the same way is logged without the value", async () => {
    const settings = cacheSettingsFrom(testEnv);
    const parsed = parseContactQuery({ qs: "lisp", ss: "simple", q: filter, page_size: 45, page_number: 1 });
    const key = await cacheKeyUrl(
      ORG_ALPHA,
      await currentGeneration(testEnv.CACHE_GENERATIONS, ORG_ALPHA),
      canonicalQuery(parsed),
    );
    expect((await query(ORG_ALPHA, { q: filter, page_size: "45" })).status).toBe(200);
    await waitFor(async () => (await readAnswer(key)) !== undefined, "the cache write");
    // Make the entry stale: served at once, refreshed in the background, and the refresh fails.
    const cache = await caches.open("contact-query");
    const entry = await cache.match(key);
    if (!entry) throw new Error("no cache entry");
    const headers = new Headers(entry.headers);
    headers.set("X-Stored-At", String(Date.now() - (settings.ttlSeconds + 1) * 1000));
    await cache.put(key, new Response(await entry.text(), { headers }));

    const lines = captureLogs();
    await fault("fail", { count: 1 });
    const stale = await query(ORG_ALPHA, { q: filter, page_size: "45" });
    expect(stale.headers.get("X-Cache")).toBe("STALE");
    await waitFor(async () => lines.some((line) => line.includes("background refresh failed")), "the refresh");
    const all = lines.join("\n");
    expect(all).toContain('"code":"22P02"');
    expect(all).not.toContain(secret);
  });
});
