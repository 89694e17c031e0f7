import type { Env } from "../env.ts";
import { cacheKeyUrl } from "./cache-key.ts";
import { type CachedPage, readPage, writePage } from "./edge-cache.ts";
import { bumpGeneration, currentGeneration } from "./generation.ts";
import { type CacheSettings, cacheSettingsFrom } from "./settings.ts";

/**
 * The edge cache as the services see it: keys per organization and canonical
 * query, pages read and written in the data center's Cache API, and purges by
 * organization. The policy (when to serve what) is policy.ts.
 */
export interface PageCache {
  readonly settings: CacheSettings;
  /** The key of a page: the organization, its current cache generation, and the canonical query. */
  key(organizationId: string, canonicalQuery: string): Promise<string>;
  read(key: string): Promise<CachedPage | undefined>;
  write(key: string, page: CachedPage, organizationId: string): Promise<void>;
  /** Makes every cached page of the organization unreachable; `undefined` when purging is not configured. */
  purge(organizationId: string): Promise<string | undefined>;
}

export function edgePageCache(env: Env): PageCache {
  const settings = cacheSettingsFrom(env);
  const kv = env.CACHE_GENERATIONS;
  return {
    settings,
    key: async (organizationId, canonicalQuery) =>
      cacheKeyUrl(organizationId, await currentGeneration(kv, organizationId), canonicalQuery),
    read: readPage,
    write: (key, page, organizationId) => writePage(key, page, settings, organizationId),
    purge: async (organizationId) => (kv ? bumpGeneration(kv, organizationId) : undefined),
  };
}
