import type { Env } from "../env.ts";
import { logFailure } from "../log.ts";
import { cacheKeyUrl } from "./cache-key.ts";
import { type CachedPage, readPage, writePage } from "./edge-cache.ts";
import { bumpGeneration, currentGeneration } from "./generation.ts";
import { type CacheSettings, cacheSettingsFrom } from "./settings.ts";

/**
 * The edge cache as the services see it: keys per organization and canonical
 * query, pages read and written in the data center's Cache API, and purges by
 * organization. The policy (when to serve what) is policy.ts.
 *
 * The cache fails soft: when the organization's generation cannot be read
 * (Workers KV failing), no key can be built, so the request gets `BYPASS_KEY`,
 * which every read misses and every write skips — the answer comes from the
 * database, uncached, and the failure is logged; a Cache API lookup that fails
 * is a miss. Neither is ever a 500.
 */
export interface PageCache {
  readonly settings: CacheSettings;
  /**
   * The key of a page: the organization, its current cache generation, and the
   * canonical query; `BYPASS_KEY` when the generation cannot be read.
   */
  key(organizationId: string, canonicalQuery: string): Promise<string>;
  read(key: string): Promise<CachedPage | undefined>;
  write(key: string, page: CachedPage, organizationId: string): Promise<void>;
  /** Makes every cached page of the organization unreachable; `undefined` when purging is not configured. */
  purge(organizationId: string): Promise<string | undefined>;
}

/** The key of a request whose cache generation is unknown: never read, never written. */
export const BYPASS_KEY = "https://cache.contact-query.internal/bypass";

export function edgePageCache(env: Env): PageCache {
  const settings = cacheSettingsFrom(env);
  const kv = env.CACHE_GENERATIONS;
  const namespace = env.CACHE_NAMESPACE || undefined;
  // One generation read per organization per request (a page and its count share it), and one log line if it fails.
  const generations = new Map<string, Promise<string | undefined>>();
  const generationOf = (organizationId: string) => {
    let generation = generations.get(organizationId);
    if (!generation) {
      generation = currentGeneration(kv, organizationId).catch((error: unknown) => {
        logFailure("warn", "cache generation unavailable; answering from the database, uncached", error);
        return undefined;
      });
      generations.set(organizationId, generation);
    }
    return generation;
  };
  return {
    settings,
    key: async (organizationId, canonicalQuery) => {
      const generation = await generationOf(organizationId);
      return generation === undefined ? BYPASS_KEY : cacheKeyUrl(organizationId, generation, canonicalQuery, namespace);
    },
    read: async (key) => {
      if (key === BYPASS_KEY) return undefined;
      return readPage(key).catch((error: unknown) => {
        logFailure("warn", "cache read failed; answering from the database", error);
        return undefined;
      });
    },
    write: async (key, page, organizationId) => {
      if (key !== BYPASS_KEY) await writePage(key, page, settings, organizationId);
    },
    purge: async (organizationId) => (kv ? bumpGeneration(kv, organizationId) : undefined),
  };
}
