import pg from "pg";

/**
 * Benchmarks talk to the server Postgres directly with `pg` (not through the
 * Worker's WebSocket bridge): they measure the database, not the transport.
 */
export function benchDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      "DATABASE_URL is required, e.g. DATABASE_URL=postgresql://bench:bench@127.0.0.1:5432/cq_bench (see docs/performance.md)",
    );
    process.exit(2);
  }
  return url;
}

export async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: benchDatabaseUrl() });
  await client.connect();
  return client;
}
