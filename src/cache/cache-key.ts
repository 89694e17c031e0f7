import { sha256Hex } from "../sha256.ts";

/**
 * The cache key: a synthetic GET URL on a host of our own, derived only from
 * the organization, its cache generation and the canonical query — never from
 * request headers or the raw URL — so equivalent requests share one entry and
 * no client input can steer a lookup to another tenant's entry.
 */
const CACHE_HOST = "https://cache.contact-query.internal";

export async function cacheKeyUrl(organizationId: string, generation: string, canonicalQuery: string): Promise<string> {
  // Hash the canonical query: it may be kilobytes long, and URLs should not be.
  const digest = await sha256Hex(`${organizationId}\n${canonicalQuery}`);
  return `${CACHE_HOST}/v1/org/${encodeURIComponent(organizationId)}/g/${encodeURIComponent(generation)}/q/${digest}`;
}
