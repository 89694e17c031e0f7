import type { Pool } from "@neondatabase/serverless";
import { UsageError } from "../cli.ts";
import { openPool, useBridge } from "../neon-proxy/neon-node.ts";
import { type LocalDatabase, openLocalDatabase } from "./local-database.ts";
import { assertReachable } from "./net.ts";
import { PGLITE_DIR, PGLITE_LOCK } from "./paths.ts";
import { acquireLock } from "./pglite-lock.ts";

/**
 * The database a script works on: the server named by DATABASE_URL, or else
 * the embedded PGlite in `.data/pglite` that `npm run dev` uses. Either way it
 * is reached through the WebSocket bridge and the Neon driver, like the Worker.
 */
export interface Target {
  database: LocalDatabase;
  pool: Pool;
  /** Human-readable name, password redacted. */
  label: string;
  close(): Promise<void>;
}

export async function openTarget(options: { purpose: string; databaseUrl?: string | undefined }): Promise<Target> {
  const databaseUrl = options.databaseUrl || undefined;
  if (databaseUrl) {
    const url = parseDatabaseUrl(databaseUrl);
    await assertReachable(url.hostname, Number(url.port || 5432), "the Postgres named by DATABASE_URL");
  }
  const lock = databaseUrl ? undefined : acquireLock(PGLITE_LOCK, options.purpose);
  let database: LocalDatabase;
  try {
    database = await openLocalDatabase(databaseUrl ? { databaseUrl } : { dataDir: PGLITE_DIR });
  } catch (error) {
    lock?.release();
    throw error;
  }
  useBridge(database.wsProxy, database.bridge.token);
  const pool = openPool(database.databaseUrl);
  let closed = false;
  return {
    database,
    pool,
    label: databaseUrl ? redactUrl(databaseUrl) : "embedded PGlite (.data/pglite)",
    async close() {
      if (closed) return;
      closed = true;
      await pool.end().catch(() => undefined);
      try {
        await database.stop();
      } finally {
        lock?.release();
      }
    },
  };
}

/**
 * Opens the target of DATABASE_URL (or the embedded one), runs `work` on it
 * after printing which database it is, and closes it whatever happens: the
 * shape of every one-shot script (db:migrate, db:seed, apikey:create).
 * `log` is where the "database: …" line goes (stderr when stdout is the result).
 */
export async function withTarget<T>(
  purpose: string,
  work: (target: Target) => Promise<T>,
  log: (line: string) => void = console.log,
): Promise<T> {
  const target = await openTarget({ purpose, databaseUrl: process.env.DATABASE_URL });
  try {
    log(`database: ${target.label}`);
    return await work(target);
  } finally {
    await target.close();
  }
}

function parseDatabaseUrl(databaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new UsageError("DATABASE_URL is not a URL; expected postgresql://user:password@host:5432/database");
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new UsageError(`DATABASE_URL must start with postgresql://, not ${url.protocol}//`);
  }
  return url;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}
