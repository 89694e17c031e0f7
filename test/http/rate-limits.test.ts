import { afterEach, describe, expect, it, vi } from "vitest";
import { generateApiKey } from "../../src/auth/api-key.ts";
import type { Env } from "../../src/env.ts";
import { scratchOrganization } from "../support/db-write.ts";
import { roundTripCount, setDatabaseDown } from "../support/http.ts";
import { requestWith, testBindings } from "../support/worker-env.ts";

/**
 * Rate limits on the Workers Rate Limiting binding (miniflare's, in workerd),
 * through the real app. wrangler.toml's local limits are far above what the
 * suite sends, so these tests put test-only bindings (vitest.config.ts) in
 * their place: the production per-address limit (20 lookups per 10 s), and a
 * per-key limit of 5 per 10 s so it is reached in a few requests.
 */
const ADDRESS: Partial<Env> = {
  ADDRESS_RATE_LIMITER: testBindings.TEST_ADDRESS_RATE_LIMITER,
  ADDRESS_RATE_LIMIT: "20",
  ADDRESS_RATE_PERIOD: "10",
};
const KEY: Partial<Env> = {
  KEY_RATE_LIMITER: testBindings.TEST_KEY_RATE_LIMITER,
  KEY_RATE_LIMIT: "5",
  KEY_RATE_PERIOD: "10",
};
const PERIOD_MS = 10_000;

/** A client address of its own for each test (the per-address budget is per address). */
let addresses = Date.now() % 200;
function freshAddress(): string {
  addresses += 1;
  return `198.51.100.${addresses % 256}`;
}

function get(organizationId: string, key: string, address: string, overrides: Partial<Env> = ADDRESS) {
  return requestWith(overrides, `/org/${organizationId}/contact/query?page_size=3`, {
    headers: { Authorization: `Bearer ${key}`, "CF-Connecting-IP": address },
  });
}

/** miniflare's windows are aligned to the clock: start a burst with at least `ms` of the window left. */
async function windowWithRoom(ms: number): Promise<void> {
  const left = PERIOD_MS - (Date.now() % PERIOD_MS);
  if (left < ms) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

afterEach(() => {
  vi.restoreAllMocks();
});

const windowsSpanned = (from: number, to: number) => Math.floor(to / PERIOD_MS) - Math.floor(from / PERIOD_MS) + 1;

describe("per-address budget for keys not verified recently", () => {
  it("a flood of 1,000 random keys from one address costs at most 20 lookups per 10 s, then 429s without any", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined); // a thousand request log lines
    const address = freshAddress();
    await windowWithRoom(6000);
    const before = await roundTripCount();
    const started = Date.now();
    const statuses: number[] = [];
    for (let batch = 0; batch < 20; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => get("org_flood", generateApiKey(), address)),
      );
      for (const response of responses) {
        statuses.push(response.status);
        if (response.status === 429 && statuses.filter((status) => status === 429).length === 1) {
          expect(response.headers.get("Retry-After")).toBe("10");
          expect(response.headers.get("RateLimit")).toBe('"per-address";r=0;t=10');
          expect(response.headers.get("RateLimit-Policy")).toBe('"per-address";q=20;w=10');
          expect(response.headers.get("Vary")).toMatch(/Authorization/);
          expect(await response.json()).toMatch(/^too many requests from this address/);
        }
      }
    }
    const windows = windowsSpanned(started, Date.now());
    const lookups = (await roundTripCount()) - before;
    // The bound: one lookup per admitted key, at most 20 per window the flood spanned (one, unless it was slow).
    expect(lookups).toBeLessThanOrEqual(20 * windows);
    expect(statuses.filter((status) => status === 401)).toHaveLength(lookups);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1000 - lookups);
    console.info(`flood: 1000 random keys, ${lookups} lookups over ${windows} window(s) of 10 s`);
  });

  it("over budget: a malformed key is still a 401, a verified key still works, an unknown one is a 429 even with the database down", async () => {
    const { organizationId, key } = await scratchOrganization("ratelimit_verified");
    const address = freshAddress();
    await windowWithRoom(4000);
    expect((await get(organizationId, key, address)).status).toBe(200); // verified: one lookup, within budget
    for (let i = 0; i < 25; i++) await get(organizationId, generateApiKey(), address); // exhaust the budget
    const unknown = await get(organizationId, generateApiKey(), address);
    expect(unknown.status).toBe(429);
    expect((await get(organizationId, "cq_not-a-key", address)).status).toBe(401);
    expect((await get(organizationId, key, address)).status).toBe(200);
    await setDatabaseDown(true);
    try {
      const before = await roundTripCount();
      expect((await get(organizationId, generateApiKey(), address)).status).toBe(429);
      expect((await get(organizationId, "not-a-key", address)).status).toBe(401);
      expect(await roundTripCount()).toBe(before);
    } finally {
      await setDatabaseDown(false);
    }
  });

  it("within budget with the database down, an unknown key cannot be checked: 503, not 401", async () => {
    const address = freshAddress();
    await setDatabaseDown(true);
    try {
      const response = await get("org_flood", generateApiKey(), address);
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).not.toBeNull();
    } finally {
      await setDatabaseDown(false);
    }
  });

  it("addresses have budgets of their own; an IPv6 client is one /64", async () => {
    await windowWithRoom(4000);
    const v6 = `2001:db8:${Date.now() % 65536}:7`;
    for (let i = 0; i < 20; i++) await get("org_flood", generateApiKey(), `${v6}::${i + 1}`);
    expect((await get("org_flood", generateApiKey(), `${v6}:0:0:0:99`)).status).toBe(429);
    expect((await get("org_flood", generateApiKey(), freshAddress())).status).toBe(401);
  });
});

describe("per-key limit", () => {
  it("429 with Retry-After, RateLimit and RateLimit-Policy past the key's limit; other keys unaffected", async () => {
    const { organizationId, key } = await scratchOrganization("ratelimit_key");
    const other = await scratchOrganization("ratelimit_key_other");
    const address = freshAddress();
    await windowWithRoom(4000);
    const overrides = { ...ADDRESS, ...KEY };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await get(organizationId, key, address, overrides);
      statuses.push(response.status);
      expect(response.headers.get("RateLimit-Policy")).toBe('"per-key";q=5;w=10');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await get(organizationId, key, address, overrides);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toBe(
      "rate limit exceeded: at most 5 requests per 10 seconds per API key; retry later",
    );
    expect(limited.headers.get("Retry-After")).toBe("10");
    expect(limited.headers.get("RateLimit")).toBe('"per-key";r=0;t=10');
    expect(limited.headers.get("RateLimit-Policy")).toBe('"per-key";q=5;w=10');
    expect(limited.headers.get("Cache-Control")).toBe("no-store");
    expect((await get(other.organizationId, other.key, address, overrides)).status).toBe(200);
    // A request of the limited key to another organization is counted (and refused) before it is authorized.
    expect((await get(other.organizationId, key, address, overrides)).status).toBe(429);
  });
});
