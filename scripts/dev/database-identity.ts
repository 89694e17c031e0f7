import { createHash } from "node:crypto";
import type { Pool } from "@neondatabase/serverless";

/**
 * Who a database is, as a short stable string: the cluster's system
 * identifier (made by initdb; every PGlite data directory and every server
 * cluster has its own), the database's OID and its name. `npm run dev` puts it
 * in the Worker's CACHE_NAMESPACE, so the local edge cache (and the cache of
 * verified keys), which wrangler keeps in .wrangler/ across runs, is never
 * read with another database than the one it was filled from: a restart on
 * another DATABASE_URL, or after `rm -rf .data`, starts with an empty cache.
 *
 * A role that may not read the control data (pg_control_system) falls back to
 * the server's address, port and start time: less stable (a restart of the
 * server empties the local cache), never wrong.
 */
export async function databaseIdentity(pool: Pick<Pool, "query">): Promise<string> {
  const database = await pool.query(
    "SELECT current_database() AS name, (SELECT oid FROM pg_database WHERE datname = current_database())::text AS oid",
  );
  let cluster: string;
  try {
    const control = await pool.query("SELECT system_identifier::text AS id FROM pg_control_system()");
    cluster = `system:${control.rows[0]?.id}`;
  } catch {
    const server = await pool.query(
      "SELECT coalesce(inet_server_addr()::text, 'local') AS address, coalesce(inet_server_port(), 0)::text AS port, pg_postmaster_start_time()::text AS started",
    );
    const row = server.rows[0] ?? {};
    cluster = `server:${row.address}:${row.port}:${row.started}`;
  }
  const { name, oid } = database.rows[0] ?? {};
  return `db-${createHash("sha256").update(`${cluster}\n${oid}\n${name}`).digest("hex").slice(0, 16)}`;
}
