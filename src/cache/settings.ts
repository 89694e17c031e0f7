/** @module The edge cache's freshness settings, read from the Worker's vars. */
import { type Env, wholeNumberSetting } from "../env.ts";

/** Freshness rules of the edge cache, from the Worker's vars (seconds; defaults in src/env.ts). */
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
    ttlSeconds: wholeNumberSetting(env, "CACHE_TTL_SECONDS"),
    staleWhileRevalidateSeconds: wholeNumberSetting(env, "CACHE_SWR_SECONDS"),
    staleIfErrorSeconds: wholeNumberSetting(env, "CACHE_STALE_IF_ERROR_SECONDS"),
  };
}
