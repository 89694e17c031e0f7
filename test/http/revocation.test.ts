import { describe, expect, it } from "vitest";
import { keyIdOfKey, listApiKeys, type Queryable, revokeApiKey } from "../../scripts/db/api-keys.ts";
import { settingsFrom } from "../../src/env.ts";
import { execute, scratchOrganization } from "../support/db-write.ts";
import { testEnv } from "../support/env.ts";
import { query } from "../support/http.ts";

/**
 * Revocation you can operate: `npm run apikey:revoke` (scripts/db/api-keys.ts)
 * on a key that is in use, and the bound within which every path stops
 * accepting it — a cached page (no database work at all) and an uncached
 * query alike: AUTH_CACHE_SECONDS (README, "Authentication").
 */
const db: Queryable = { query: async (text, params = []) => ({ rows: await execute(text, params) }) };
const boundMs = settingsFrom(testEnv).authCacheSeconds * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("revoking a key that is in use", () => {
  it(`stops it everywhere within AUTH_CACHE_SECONDS (${boundMs / 1000} s): cached pages and uncached queries`, async () => {
    const { organizationId, key } = await scratchOrganization("revocation");
    const id = await keyIdOfKey(key);
    const listed = await listApiKeys(db, organizationId);
    expect(listed).toEqual([expect.objectContaining({ id, organizationId, label: "scratch", revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(key);

    // In use: a page in the edge cache, the key's verdict in the isolate and the data center's cache.
    expect((await query(organizationId, { page_size: "3" }, key)).status).toBe(200);
    expect((await query(organizationId, { page_size: "3" }, key)).headers.get("X-Cache")).toBe("HIT");

    const revocation = await revokeApiKey(db, id);
    const revokedAt = Date.now();
    expect(revocation).toMatchObject({ outcome: "revoked", key: { id, organizationId } });

    let unique = 0;
    const refused = { cached: undefined as number | undefined, uncached: undefined as number | undefined };
    while (
      (refused.cached === undefined || refused.uncached === undefined) &&
      Date.now() - revokedAt < boundMs + 3000
    ) {
      unique += 1;
      const cached = await query(organizationId, { page_size: "3" }, key);
      const uncached = await query(organizationId, { q: `(= name "revoked-${unique}-${Date.now()}")` }, key);
      for (const [path, response] of [
        ["cached", cached],
        ["uncached", uncached],
      ] as const) {
        if (response.status === 401) refused[path] ??= Date.now() - revokedAt;
        else expect(response.status, `${path} after ${Date.now() - revokedAt} ms`).toBe(200);
      }
      await sleep(200);
    }
    console.info(
      `revoked key refused after ${refused.cached} ms (cached page), ${refused.uncached} ms (uncached query)`,
    );
    // Every request made after the bound is a 401; polling adds at most one round of requests.
    expect(refused.cached).toBeLessThanOrEqual(boundMs + 1000);
    expect(refused.uncached).toBeLessThanOrEqual(boundMs + 1000);
    for (let i = 0; i < 3; i++) expect((await query(organizationId, { page_size: "3" }, key)).status).toBe(401);

    expect(await revokeApiKey(db, id)).toMatchObject({ outcome: "already revoked", key: { id } });
    expect((await listApiKeys(db, organizationId))[0]?.revokedAt).not.toBeNull();
  });

  it("revokes by id only: an unknown id, or a prefix of several keys' hashes, revokes nothing", async () => {
    expect(await revokeApiKey(db, "0000000000")).toEqual({ outcome: "not found", matches: 0 });
    const a = await scratchOrganization("revocation_a");
    const b = await scratchOrganization("revocation_b");
    const ids = [await keyIdOfKey(a.key), await keyIdOfKey(b.key)];
    // Every hex digit string of 8+ digits is a prefix of at most one of these two (ids differ), so force a shared prefix:
    const rows = await execute("SELECT count(*)::int AS n FROM api_keys WHERE left(key_hash, 8) = $1", [
      ids[0]?.slice(0, 8),
    ]);
    if (Number(rows[0]?.n) > 1) {
      expect(await revokeApiKey(db, ids[0]?.slice(0, 8) ?? "")).toMatchObject({ outcome: "ambiguous" });
    }
    await expect(revokeApiKey(db, "not-hex")).rejects.toThrow(/invalid key id/);
    expect((await query(a.organizationId, { page_size: "3" }, a.key)).status).toBe(200);
    expect((await query(b.organizationId, { page_size: "3" }, b.key)).status).toBe(200);
  });
});
