import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { startWsBridge, type WsBridge } from "../neon-proxy/ws-bridge.ts";

/**
 * A Postgres the Worker can reach: either the embedded PGlite (real Postgres
 * compiled to WASM, served over the wire protocol) or a server named by a URL,
 * both behind the WebSocket bridge the Neon driver connects through.
 */
export interface LocalDatabase {
  databaseUrl: string;
  /** Value for the Worker's DB_WS_PROXY. */
  wsProxy: string;
  bridge: WsBridge;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface LocalDatabaseOptions {
  /** A server Postgres to use instead of the embedded one. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; omitted means in memory. */
  dataDir?: string | undefined;
  bridgePort?: number | undefined;
  control?: boolean | undefined;
}

export async function openLocalDatabase(options: LocalDatabaseOptions): Promise<LocalDatabase> {
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    const bridge = await startWsBridge({
      target: { host: url.hostname, port: Number(url.port || 5432) },
      port: options.bridgePort,
      control: options.control,
    });
    return {
      databaseUrl: options.databaseUrl,
      wsProxy: bridge.proxy,
      bridge,
      embedded: false,
      stop: () => bridge.close(),
    };
  }

  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // pg_trgm and btree_gin: the migrations create trigram indexes (drizzle/0001_pg_trgm.sql)
  // and GIN indexes that lead with the organization (drizzle/0005_org_leading_gin_indexes.sql).
  const db = await PGlite.create(options.dataDir ?? "memory://", { extensions: { pg_trgm, btree_gin } });
  // PGlite runs one query at a time; the socket server multiplexes connections onto it.
  const server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1", maxConnections: 64 });
  await server.start();
  const [host = "127.0.0.1", port = "0"] = server.getServerConn().split(":");
  const bridge = await startWsBridge({
    target: { host, port: Number(port) },
    port: options.bridgePort,
    control: options.control,
  });
  return {
    databaseUrl: `postgresql://postgres:postgres@${host}:${port}/postgres`,
    wsProxy: bridge.proxy,
    bridge,
    embedded: true,
    async stop() {
      await bridge.close();
      await server.stop();
      await db.close();
    },
  };
}
