/**
 * The Worker's bindings and settings. Numbers arrive as strings (wrangler
 * `[vars]`), so `settingsFrom` parses them once, with defaults.
 */
export interface Env {
  /** Postgres connection string (a secret in production: `wrangler secret put DATABASE_URL`). */
  DATABASE_URL: string;
  /**
   * Development and tests only: `host:port/path` of a WebSocket-to-TCP bridge in
   * front of a plain Postgres (see scripts/lib/ws-bridge.ts). Unset in production,
   * where the driver talks to Neon's own proxy over TLS.
   */
  DB_WS_PROXY?: string;
  /**
   * How the driver reaches the database: `http` (default; Neon's SQL-over-HTTP,
   * one fetch per query) or `ws` (the Postgres protocol over a WebSocket).
   */
  DB_DRIVER?: string;
  /**
   * Development and tests only: the local SQL-over-HTTP endpoint (`http://host:port/sql`,
   * scripts/lib/sql-over-http.ts) for the `http` driver. Unset in production,
   * where the driver derives Neon's endpoint from the connection string.
   */
  DB_HTTP_ENDPOINT?: string;
  /** Milliseconds a database statement may run before the request gives up (default 5000). */
  DB_TIMEOUT_MS?: string;
  /** Seconds a verified API key is trusted before it is checked again (default 60). */
  AUTH_CACHE_SECONDS?: string;
  /** Seconds a cached page is fresh (default 30; 0 turns the edge cache off). */
  CACHE_TTL_SECONDS?: string;
  /** Seconds after that a page is served STALE while it is refreshed in the background (default 300). */
  CACHE_SWR_SECONDS?: string;
  /** Seconds after that a page may still stand in for a failing database (default 3600). */
  CACHE_STALE_IF_ERROR_SECONDS?: string;
  /** Workers KV holding each organization's cache generation (for purges); optional. */
  CACHE_GENERATIONS?: KVNamespace;
  /** Tests only: how many random cases the differential test runs, and its seed. */
  DIFFERENTIAL_RUNS?: string;
  DIFFERENTIAL_SEED?: string;
  /** Tests only: cases per fuzz property. */
  FUZZ_RUNS?: string;
}

export interface Settings {
  dbTimeoutMs: number;
  authCacheSeconds: number;
}

export function settingsFrom(env: Env): Settings {
  return {
    dbTimeoutMs: wholeNumberVar(env.DB_TIMEOUT_MS, 5000),
    authCacheSeconds: wholeNumberVar(env.AUTH_CACHE_SECONDS, 60),
  };
}

/** A whole number >= 0 from a string var, or `fallback` when unset or malformed. */
export function wholeNumberVar(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && value !== "" && Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}
