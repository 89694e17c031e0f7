import { describe, expect, it } from "vitest";
import { ORG_ALPHA } from "../fixtures/contacts.ts";
import { query } from "../support/http.ts";
import { mode, proxyStats } from "../support/proxy.ts";

/**
 * An uncached request makes exactly one database round trip — in
 * WebSocket mode one statement (read-only and the timeout ride on the
 * connection's startup message), in HTTP mode one fetch (the statement and its
 * `set_config('statement_timeout')` in one read-only batch) — and a cache hit
 * makes none.
 */
describe(`round trips (${mode} driver)`, () => {
  it("an uncached request: one round trip; the same request again: none", async () => {
    const warm = await query(ORG_ALPHA, { page_size: "61" }); // caches the key's verdict
    expect(warm.status).toBe(200);

    const before = await proxyStats();
    const miss = await query(ORG_ALPHA, { q: '(= info.partner "AWS")', page_size: "62" });
    expect(miss.status).toBe(200);
    expect(miss.headers.get("X-Cache")).toBe("MISS");
    const after = await proxyStats();
    expect(after.roundTrips - before.roundTrips).toBe(1);
    if (mode === "ws") expect(after.ws.statements - before.ws.statements).toBe(1);
    else {
      expect(after.http.requests - before.http.requests).toBe(1);
      expect(after.http.statements - before.http.statements).toBe(2); // set_config + the query, one fetch
      expect(after.ws.statements).toBe(before.ws.statements);
    }

    // The cache write happens after the response; wait for the hit.
    for (let attempt = 0; attempt < 50; attempt++) {
      const hitBefore = await proxyStats();
      const again = await query(ORG_ALPHA, { q: '(= info.partner "AWS")', page_size: "62" });
      expect(again.status).toBe(200);
      if (again.headers.get("X-Cache") === "HIT") {
        expect((await proxyStats()).roundTrips).toBe(hitBefore.roundTrips);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the page was never served from the cache");
  });
});
