import { afterEach, describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey } from "../../src/auth/api-key.ts";
import type { Env } from "../../src/env.ts";
import { execute, scratchOrganization } from "../support/db-write.ts";
import { fault } from "../support/proxy.ts";
import { requestWith } from "../support/worker-env.ts";

/**
 * Outages longer than the key cache (src/auth/authenticate.ts): a key verified
 * within AUTH_STALE_SECONDS keeps being accepted while the database is
 * unavailable — and only then — so cached pages are still served; unknown keys
 * get 503; a key revoked before the outage is refused within AUTH_CACHE_SECONDS
 * of the database coming back. AUTH_CACHE_SECONDS is 1 here, so an outage
 * three times as long takes three seconds.
 */
const CACHE_SECONDS = 1;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  await fault("reset");
});

function pageWith(settings: Partial<Env>, organizationId: string, key: string, search = "page_size=5") {
  return requestWith(settings, `/org/${organizationId}/contact/query?${search}`, {
    headers: { Authorization: `Bearer ${key}` },
  });
}

describe("an outage longer than AUTH_CACHE_SECONDS", () => {
  it("keeps serving a cached page to a verified key, refuses unknown keys with 503, and refuses a key revoked meanwhile once the database is back", async () => {
    const settings = { AUTH_CACHE_SECONDS: String(CACHE_SECONDS) };
    const { organizationId, key } = await scratchOrganization("auth_outage");
    expect((await pageWith(settings, organizationId, key)).status).toBe(200);
    expect((await pageWith(settings, organizationId, key)).headers.get("X-Cache")).toBe("HIT");

    // Revoked, then the database goes away before any lookup could see it.
    await execute("UPDATE api_keys SET revoked_at = now() WHERE key_hash = $1", [await hashApiKey(key)]);
    await fault("down");
    const outageStarted = Date.now();
    const seen: string[] = [];
    while (Date.now() - outageStarted < 3 * CACHE_SECONDS * 1000) {
      const response = await pageWith(settings, organizationId, key);
      expect(response.status, `${Date.now() - outageStarted} ms into the outage`).toBe(200);
      seen.push(response.headers.get("X-Cache") ?? "");
      await sleep(150);
    }
    expect(new Set(seen)).toEqual(new Set(["HIT"]));
    const unknown = await pageWith(settings, organizationId, generateApiKey());
    expect(unknown.status).toBe(503);
    expect(Number(unknown.headers.get("Retry-After"))).toBeGreaterThan(0);

    await fault("up");
    const recovered = Date.now();
    let refusedAfter: number | undefined;
    while (refusedAfter === undefined && Date.now() - recovered < CACHE_SECONDS * 1000 + 2000) {
      const response = await pageWith(settings, organizationId, key);
      if (response.status === 401) refusedAfter = Date.now() - recovered;
      else expect(response.status).toBe(200);
      await sleep(100);
    }
    console.info(`revoked key refused ${refusedAfter} ms after the database came back`);
    expect(refusedAfter).toBeDefined();
    expect(refusedAfter).toBeLessThanOrEqual(CACHE_SECONDS * 1000 + 500);
    expect((await pageWith(settings, organizationId, key)).status).toBe(401);
  });

  it("does not accept a verdict older than AUTH_STALE_SECONDS, nor a stale one while the database answers", async () => {
    const settings = { AUTH_CACHE_SECONDS: String(CACHE_SECONDS), AUTH_STALE_SECONDS: "2" };
    const { organizationId, key } = await scratchOrganization("auth_stale_limit");
    expect((await pageWith(settings, organizationId, key)).status).toBe(200);
    await fault("down");
    await sleep(CACHE_SECONDS * 1000 + 100);
    expect((await pageWith(settings, organizationId, key)).status).toBe(200); // stale, within 2 s
    await sleep(2000);
    const tooOld = await pageWith(settings, organizationId, key);
    expect(tooOld.status).toBe(503);

    // Database back: a stale verdict is never a reason to accept; the key is looked up (and is valid).
    await fault("up");
    await execute("UPDATE api_keys SET revoked_at = now() WHERE key_hash = $1", [await hashApiKey(key)]);
    await sleep(CACHE_SECONDS * 1000 + 100);
    expect((await pageWith(settings, organizationId, key)).status).toBe(401);
  });
});
