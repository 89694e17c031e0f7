import { readFileSync, statSync } from "node:fs";
import { parseEnv } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { WebSocket } from "ws";
import { databaseIdentity } from "../../scripts/dev/database-identity.ts";
import { wranglerDevArguments, writeEnvFile } from "../../scripts/dev/wrangler-dev.ts";
import { openPool, useBridge } from "../../scripts/neon-proxy/neon-node.ts";
import { startWsBridge } from "../../scripts/neon-proxy/ws-bridge.ts";

/**
 * The local tooling keeps its secrets and its database to itself: the bridge
 * serves only callers with its token, wrangler gets the connection string in a
 * private env file rather than on its command line, and the local cache is
 * keyed by the identity of the database it was filled from.
 */
const databaseUrl = () => new URL(inject("databaseUrl"));

async function bridge() {
  const url = databaseUrl();
  return startWsBridge({ target: { host: url.hostname, port: Number(url.port || 5432) } });
}

function sql(endpoint: string, authorization?: string) {
  return fetch(endpoint, {
    method: "POST",
    headers: {
      "Neon-Connection-String": inject("databaseUrl"),
      "Neon-Raw-Text-Output": "true",
      "Neon-Array-Mode": "true",
      ...(authorization ? { Authorization: authorization } : {}),
    },
    body: JSON.stringify({ query: "SELECT 1 AS one", params: [] }),
  });
}

/** The HTTP status a WebSocket upgrade gets (101 when it opens). */
function upgrade(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("open", () => {
      socket.close();
      resolve(101);
    });
    socket.once("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once("error", (error) => reject(error));
  });
}

describe("the local bridge serves only the Worker it was started for", () => {
  it("/sql: 401 without its token or with another; the statement runs with it", async () => {
    const started = await bridge();
    try {
      expect((await sql(started.httpEndpoint)).status).toBe(401);
      expect((await sql(started.httpEndpoint, "Bearer not-the-token")).status).toBe(401);
      expect((await sql(started.httpEndpoint, `Bearer ${started.token}x`)).status).toBe(401);
      const ok = await sql(started.httpEndpoint, `Bearer ${started.token}`);
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { rows: unknown[][] }).rows).toEqual([["1"]]);
    } finally {
      await started.close();
    }
  });

  it("WebSocket: the upgrade is refused (401) without its token; the driver connects with it", async () => {
    const started = await bridge();
    try {
      const url = databaseUrl();
      const base = `ws://${started.proxy}?address=${url.hostname}:${url.port}`;
      expect(await upgrade(base)).toBe(401);
      expect(await upgrade(`${base}&token=wrong`)).toBe(401);
      expect(await upgrade(`${base}&token=${encodeURIComponent(started.token)}`)).toBe(101);
      useBridge(started.proxy, started.token);
      const pool = openPool(inject("databaseUrl"));
      try {
        expect((await pool.query("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
      } finally {
        await pool.end();
      }
    } finally {
      await started.close();
    }
  });

  it("every bridge has a token of its own", async () => {
    const [a, b] = [await bridge(), await bridge()];
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(43);
    await Promise.all([a.close(), b.close()]);
  });
});

describe("wrangler dev gets its secrets in a private file", () => {
  it("the command line holds no value of the vars; the file holds them all, readable by this user only", () => {
    const vars = {
      DATABASE_URL: "postgresql://user:p#ss w'rd@127.0.0.1:5432/db",
      DB_BRIDGE_TOKEN: "token-value-123",
      CACHE_NAMESPACE: "db-0123456789abcdef",
    };
    const file = writeEnvFile(vars);
    try {
      const args = wranglerDevArguments({ port: 8787, ip: "127.0.0.1" }, file.path);
      for (const value of Object.values(vars)) expect(args.join(" ")).not.toContain(value);
      expect(args.slice(-2)).toEqual(["--env-file", file.path]);
      expect(statSync(file.path).mode & 0o777).toBe(0o600);
      expect(parseEnv(readFileSync(file.path, "utf8"))).toEqual(vars);
    } finally {
      file.remove();
    }
  });
});

describe("the local cache's namespace", () => {
  it("is the database's identity: stable for one database, different for another", async () => {
    const started = await bridge();
    useBridge(started.proxy, started.token);
    const pool = openPool(inject("databaseUrl"));
    try {
      const identity = await databaseIdentity(pool);
      expect(identity).toMatch(/^db-[0-9a-f]{16}$/);
      expect(await databaseIdentity(pool)).toBe(identity);
      // Another database of the same cluster is another identity.
      const other = await databaseIdentity({
        query: async (text: string) =>
          text.includes("current_database()") && !text.includes("pg_control")
            ? { rows: [{ name: "other", oid: "99999" }] }
            : pool.query(text),
      } as never);
      expect(other).not.toBe(identity);
    } finally {
      await pool.end();
      await started.close();
    }
  });
});
