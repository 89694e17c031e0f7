import type { TestProject } from "vitest/node";
import { insertContacts } from "../scripts/data/load-contacts.ts";
import { applyMigrations } from "../scripts/db/apply-migrations.ts";
import { openLocalDatabase } from "../scripts/dev/local-database.ts";
import { openPool, useBridge } from "../scripts/neon-proxy/neon-node.ts";
import { startWsBridge, type WsBridge } from "../scripts/neon-proxy/ws-bridge.ts";
import { generateApiKey, hashApiKey } from "../src/auth/api-key.ts";
import { ALL_FIXTURES, GENERATED_ORG, ORG_ALPHA, ORG_BETA, ORG_EMPTY } from "./fixtures/contacts.ts";
import { type OutageTarget, prepareOutageTarget } from "./support/outage-database.ts";

/**
 * Runs once, in Node, before the tests (which run inside workerd): starts a
 * real Postgres (embedded PGlite, or the server named by TEST_DATABASE_URL)
 * behind the local Neon-proxy stand-in (scripts/neon-proxy/ws-bridge.ts), migrates it,
 * loads the fixtures and creates one API key per organization. The Worker
 * reaches it exactly as in production, through the Neon driver.
 *
 * Each driver mode's test project (vitest.config.ts) gets its own proxy in front
 * of the one database, so statement counts and simulated faults of one project
 * never leak into the other while both run.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL || undefined;
  const database = await openLocalDatabase({ databaseUrl: serverUrl, control: true });
  useBridge(database.wsProxy, database.bridge.token);
  const pool = openPool(database.databaseUrl);
  await applyMigrations(pool);
  await pool.query("TRUNCATE contacts, api_keys");
  await insertContacts(pool, ALL_FIXTURES);

  const apiKeys: Record<string, string> = {};
  for (const organizationId of [ORG_ALPHA, ORG_BETA, ORG_EMPTY, GENERATED_ORG]) {
    const key = generateApiKey();
    await pool.query("INSERT INTO api_keys (key_hash, organization_id, label) VALUES ($1, $2, 'test')", [
      await hashApiKey(key),
      organizationId,
    ]);
    apiKeys[organizationId] = key;
  }
  const revokedKey = generateApiKey();
  await pool.query("INSERT INTO api_keys (key_hash, organization_id, revoked_at) VALUES ($1, $2, now())", [
    await hashApiKey(revokedKey),
    ORG_ALPHA,
  ]);
  await pool.end();

  const target = new URL(database.databaseUrl);
  const wsBridge = await startWsBridge({
    target: { host: target.hostname, port: Number(target.port || 5432) },
    control: true,
  });
  const proxies = { http: proxyInfo(database.bridge), ws: proxyInfo(wsBridge) };
  // A server Postgres only: a database and a role the refusal tests may lock out (support/outage-database.ts).
  const outage = serverUrl ? await prepareOutageTarget(serverUrl) : undefined;

  project.provide("databaseUrl", database.databaseUrl);
  project.provide("proxies", proxies);
  project.provide("wsProxy", database.wsProxy);
  project.provide("bridgeControl", proxies.http.control);
  project.provide("apiKeys", apiKeys);
  project.provide("revokedKey", revokedKey);
  project.provide("databaseKind", database.embedded ? "pglite" : "server");
  project.provide("outageTarget", outage?.target ?? null);

  return async () => {
    await outage?.drop();
    await wsBridge.close();
    await database.stop();
  };
}

function proxyInfo(bridge: WsBridge): ProxyInfo {
  return {
    wsProxy: bridge.proxy,
    httpEndpoint: bridge.httpEndpoint,
    token: bridge.token,
    control: `http://${bridge.proxy.replace(/\/v1$/, "")}/__bridge`,
  };
}

/** How a test project's Worker reaches the database, and where that proxy's fault controls are. */
export interface ProxyInfo {
  wsProxy: string;
  httpEndpoint: string;
  /** What the proxy requires of its clients (the Worker's DB_BRIDGE_TOKEN). */
  token: string;
  control: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    proxies: Record<"http" | "ws", ProxyInfo>;
    wsProxy: string;
    bridgeControl: string;
    apiKeys: Record<string, string>;
    revokedKey: string;
    databaseKind: "pglite" | "server";
    /** A server Postgres's database and role for refusal tests; null on PGlite. */
    outageTarget: OutageTarget | null;
  }
}
