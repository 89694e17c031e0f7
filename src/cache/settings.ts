import type { Env } from "../env.ts";

/** Freshness rules of the edge cache, from the Worker's vars (seconds). */
export interface CacheSettings {
  /** How long an entry is fresh (HIT). 0 disables the cache. */
  ttlSeconds: number;
  /** After that, how long it is served as STALE while a refresh runs in the background. */
  staleWhileRevalidateSeconds: number;
  /** After that, how long it may still be served (STALE) when the database is failing. */
  staleIfErrorSeconds: number;
}

export function cacheSettingsFrom(env: Env): CacheSettings {
  return {
    ttlSeconds: seconds(env.CACHE_TTL_SECONDS, 30),
    staleWhileRevalidateSeconds: seconds(env.CACHE_SWR_SECONDS, 300),
    staleIfErrorSeconds: seconds(env.CACHE_STALE_IF_ERROR_SECONDS, 3600),
  };
}

function seconds(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && value !== "" && Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}
