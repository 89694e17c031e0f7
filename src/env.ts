/**
 * The Worker's settings, declared once: name, kind, default and meaning. The
 * code reads defaults from here only; wrangler.toml sets a var only where an
 * environment deliberately differs, and the README's configuration table (and
 * every "`NAME` (default N)" in the docs) is checked against this table by
 * test/unit/settings.test.ts.
 */
export const SETTINGS = {
  DATABASE_URL: { kind: "secret", default: undefined, description: "Postgres connection string" },
  DB_DRIVER: {
    kind: "var",
    default: "http",
    description: "`http`: Neon's SQL-over-HTTP, one fetch per query; `ws`: the Postgres protocol over a WebSocket",
  },
  DB_TIMEOUT_MS: {
    kind: "var",
    default: 5000,
    description:
      "the statement timeout Postgres enforces on every query, and the longest a connection attempt may take",
  },
  AUTH_CACHE_SECONDS: {
    kind: "var",
    default: 60,
    description: "how long a verified API key is trusted without a database check",
  },
  CACHE_TTL_SECONDS: { kind: "var", default: 30, description: "edge cache freshness; 0 turns the cache off" },
  CACHE_SWR_SECONDS: { kind: "var", default: 300, description: "stale-while-revalidate window after that" },
  CACHE_STALE_IF_ERROR_SECONDS: { kind: "var", default: 3600, description: "stale-if-error window after that" },
  PAGE_TOKEN_SECRET: {
    kind: "secret",
    default: undefined,
    description: "signs page tokens; when unset, a key derived from DATABASE_URL is used",
  },
  CACHE_GENERATIONS: {
    kind: "KV binding",
    default: undefined,
    description: "per-organization cache generations, for purges",
  },
  DB_WS_PROXY: {
    kind: "var",
    default: undefined,
    description: "development and tests only: the local WebSocket bridge",
  },
  DB_HTTP_ENDPOINT: {
    kind: "var",
    default: undefined,
    description: "development and tests only: the local SQL-over-HTTP endpoint",
  },
} as const satisfies Record<
  string,
  { kind: "secret" | "var" | "KV binding"; default: number | string | undefined; description: string }
>;

export type SettingName = keyof typeof SETTINGS;

/**
 * The Worker's bindings, as wrangler hands them over: vars are strings (parsed
 * by `settingsFrom` and `cacheSettingsFrom`, with the defaults of `SETTINGS`).
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
  /** How the driver reaches the database: `http` (Neon's SQL-over-HTTP) or `ws` (a WebSocket). */
  DB_DRIVER?: string;
  /**
   * Development and tests only: the local SQL-over-HTTP endpoint (`http://host:port/sql`,
   * scripts/lib/sql-over-http.ts) for the `http` driver. Unset in production,
   * where the driver derives Neon's endpoint from the connection string.
   */
  DB_HTTP_ENDPOINT?: string;
  /** Signs page tokens (a secret: `wrangler secret put PAGE_TOKEN_SECRET`); optional. */
  PAGE_TOKEN_SECRET?: string;
  /** Milliseconds a database statement may run before the request gives up. */
  DB_TIMEOUT_MS?: string;
  /** Seconds a verified API key is trusted before it is checked again. */
  AUTH_CACHE_SECONDS?: string;
  /** Seconds a cached page is fresh (0 turns the edge cache off). */
  CACHE_TTL_SECONDS?: string;
  /** Seconds after that a page is served STALE while it is refreshed in the background. */
  CACHE_SWR_SECONDS?: string;
  /** Seconds after that a page may still stand in for a failing database. */
  CACHE_STALE_IF_ERROR_SECONDS?: string;
  /** Workers KV holding each organization's cache generation (for purges); optional. */
  CACHE_GENERATIONS?: KVNamespace;
  /** Tests only: how many random cases the differential test runs, and its seed. */
  DIFFERENTIAL_RUNS?: string;
  DIFFERENTIAL_SEED?: string;
  /** Tests only: cases per fuzz property. */
  FUZZ_RUNS?: string;
}

/** The settings of the database path and of authentication. */
export interface Settings {
  dbTimeoutMs: number;
  authCacheSeconds: number;
}

export function settingsFrom(env: Env): Settings {
  return {
    dbTimeoutMs: wholeNumberSetting(env, "DB_TIMEOUT_MS"),
    authCacheSeconds: wholeNumberSetting(env, "AUTH_CACHE_SECONDS"),
  };
}

type WholeNumberSetting = {
  [Name in SettingName]: (typeof SETTINGS)[Name]["default"] extends number ? Name : never;
}[SettingName];

/** A whole-number setting from its string var, or its default when unset or malformed. */
export function wholeNumberSetting(env: Partial<Record<WholeNumberSetting, string>>, name: WholeNumberSetting): number {
  return wholeNumberVar(env[name], SETTINGS[name].default);
}

/** A whole number >= 0 from a string var, or `fallback` when unset or malformed. */
function wholeNumberVar(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && value !== "" && Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}
