import { lifetimeSeconds } from "./policy.ts";
import type { CacheSettings } from "./settings.ts";

/**
 * Pages stored in the data center's Cache API. The Cache API keeps no notion of
 * "stale", so an entry carries the time it was stored and the policy
 * (policy.ts) decides whether it is fresh, may be served while revalidating, or
 * may only stand in for a failing database.
 */
export interface CachedPage {
  body: string;
  etag: string;
  storedAt: number;
  /** Contacts on the page (for the request log). */
  rows: number;
}

const CACHE_NAME = "contact-query";
const STORED_AT = "X-Stored-At";
const ROWS = "X-Rows";
/** Larger bodies are not stored (the Cache API refuses very large objects). */
const MAX_CACHEABLE_BYTES = 100 * 1024 * 1024;

export async function readPage(key: string): Promise<CachedPage | undefined> {
  const cache = await caches.open(CACHE_NAME);
  const response = await cache.match(key);
  if (!response) return undefined;
  const storedAt = Number(response.headers.get(STORED_AT));
  const etag = response.headers.get("ETag");
  if (!Number.isFinite(storedAt) || !etag) return undefined;
  return { body: await response.text(), etag, storedAt, rows: Number(response.headers.get(ROWS) ?? 0) };
}

export async function writePage(key: string, page: CachedPage, settings: CacheSettings, organizationId: string) {
  if (page.body.length > MAX_CACHEABLE_BYTES) return;
  const lifetime = lifetimeSeconds(settings);
  const cache = await caches.open(CACHE_NAME);
  await cache.put(
    key,
    new Response(page.body, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": `max-age=${lifetime}`,
        // Lets an operator purge one organization through Cloudflare's purge-by-tag.
        "Cache-Tag": `org-${organizationId}`,
        ETag: page.etag,
        [STORED_AT]: String(page.storedAt),
        [ROWS]: String(page.rows),
      },
    }),
  );
}
