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
    default: 10,
    description:
      "how long a verified API key is trusted without a database check: the longest a revoked key keeps working while the database answers",
  },
  AUTH_STALE_SECONDS: {
    kind: "var",
    default: 3600,
    description:
      "how old a key's last successful verification may be for the key to be accepted while the database is unavailable (never otherwise); 0 turns that off",
  },
  KEY_RATE_LIMITER: {
    kind: "rate limit binding",
    default: undefined,
    description:
      "requests per API key (keyed by the key's hash), per Cloudflare location; its `simple` limit and period must be `KEY_RATE_LIMIT` and `KEY_RATE_PERIOD`",
  },
  KEY_RATE_LIMIT: {
    kind: "var",
    default: undefined,
    description:
      "requests one API key may make per `KEY_RATE_PERIOD` in one location (429 beyond): each environment states the limit its binding has (production: 600)",
  },
  KEY_RATE_PERIOD: { kind: "var", default: 60, description: "seconds, 10 or 60 (what the binding allows)" },
  ADDRESS_RATE_LIMITER: {
    kind: "rate limit binding",
    default: undefined,
    description:
      "database lookups of API keys not verified recently, per client address (`CF-Connecting-IP`, IPv6 by /64), per location; its `simple` limit and period must be `ADDRESS_RATE_LIMIT` and `ADDRESS_RATE_PERIOD`",
  },
  ADDRESS_RATE_LIMIT: {
    kind: "var",
    default: undefined,
    description:
      "lookups of unverified keys one client address may cause per `ADDRESS_RATE_PERIOD` in one location (429 beyond, before the database): each environment states the limit its binding has (production: 20)",
  },
  ADDRESS_RATE_PERIOD: { kind: "var", default: 10, description: "seconds, 10 or 60" },
  MAX_PAGE_BYTES: {
    kind: "var",
    default: 8_388_608,
    description:
      "the largest rendered page (`data`, in bytes) the Worker accepts from Postgres; a bigger page is a 400 naming `page_size`",
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
  DB_BRIDGE_TOKEN: {
    kind: "var",
    default: undefined,
    description: "development and tests only: the token the local bridge requires of the Worker",
  },
  CORS_ORIGINS: {
    kind: "var",
    default: undefined,
    description:
      "origins whose pages may call the API from a browser: comma-separated (`https://app.example.com`), or `*`; none when unset (production); `*` locally",
  },
  CACHE_NAMESPACE: {
    kind: "var",
    default: undefined,
    description:
      "prefixes every edge cache key (pages, counts, verified keys); `npm run dev` sets it to its database's identity",
  },
} as const satisfies Record<
  string,
  {
    kind: "secret" | "var" | "KV binding" | "rate limit binding";
    default: number | string | undefined;
    description: string;
  }
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
   * front of a plain Postgres (see scripts/neon-proxy/ws-bridge.ts). Unset in production,
   * where the driver talks to Neon's own proxy over TLS.
   */
  DB_WS_PROXY?: string;
  /** How the driver reaches the database: `http` (Neon's SQL-over-HTTP) or `ws` (a WebSocket). */
  DB_DRIVER?: string;
  /**
   * Development and tests only: the local SQL-over-HTTP endpoint (`http://host:port/sql`,
   * scripts/neon-proxy/sql-over-http.ts) for the `http` driver. Unset in production,
   * where the driver derives Neon's endpoint from the connection string.
   */
  DB_HTTP_ENDPOINT?: string;
  /** Signs page tokens (a secret: `wrangler secret put PAGE_TOKEN_SECRET`); optional. */
  PAGE_TOKEN_SECRET?: string;
  /** Milliseconds a database statement may run before the request gives up. */
  DB_TIMEOUT_MS?: string;
  /** Seconds a verified API key is trusted before it is checked again. */
  AUTH_CACHE_SECONDS?: string;
  /** Seconds a verified API key may still be accepted while the database is unavailable. */
  AUTH_STALE_SECONDS?: string;
  /** Seconds a cached page is fresh (0 turns the edge cache off). */
  CACHE_TTL_SECONDS?: string;
  /** Seconds after that a page is served STALE while it is refreshed in the background. */
  CACHE_SWR_SECONDS?: string;
  /** Seconds after that a page may still stand in for a failing database. */
  CACHE_STALE_IF_ERROR_SECONDS?: string;
  /** Workers KV holding each organization's cache generation (for purges); optional. */
  CACHE_GENERATIONS?: KVNamespace;
  /** Rate Limiting bindings: per API key, and per client address for lookups of unverified keys; optional. */
  KEY_RATE_LIMITER?: RateLimit;
  ADDRESS_RATE_LIMITER?: RateLimit;
  /** The limits those bindings are configured with (wrangler.toml), as the Worker reports them. */
  KEY_RATE_LIMIT?: string;
  KEY_RATE_PERIOD?: string;
  ADDRESS_RATE_LIMIT?: string;
  ADDRESS_RATE_PERIOD?: string;
  /** Bytes: the largest rendered page Postgres may hand the Worker. */
  MAX_PAGE_BYTES?: string;
  /** Development and tests only: the token the local bridge requires (scripts/neon-proxy/ws-bridge.ts). */
  DB_BRIDGE_TOKEN?: string;
  /** Origins whose pages may call the API (comma-separated, or `*`); none when unset. */
  CORS_ORIGINS?: string;
  /** Prefix of every edge cache key; set by `npm run dev` to the identity of its database. */
  CACHE_NAMESPACE?: string;
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
  authStaleSeconds: number;
}

export function settingsFrom(env: Env): Settings {
  return {
    dbTimeoutMs: wholeNumberSetting(env, "DB_TIMEOUT_MS"),
    authCacheSeconds: wholeNumberSetting(env, "AUTH_CACHE_SECONDS"),
    authStaleSeconds: wholeNumberSetting(env, "AUTH_STALE_SECONDS"),
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
