/**
 * @module The cache key: a synthetic GET URL on a host of our own, derived only from
 * the organization, its cache generation and the canonical query — never from
 * request headers or the raw URL — so equivalent requests share one entry and
 * no client input can steer a lookup to another tenant's entry.
 */
import { sha256Hex } from "../sha256.ts";

const CACHE_HOST = "https://cache.contact-query.internal";

/**
 * @param namespace `CACHE_NAMESPACE`: set by `npm run dev` to the identity of
 *   its database, so entries filled from one database are never read with
 *   another; unset in production
 */
export async function cacheKeyUrl(
  organizationId: string,
  generation: string,
  canonicalQuery: string,
  namespace?: string,
): Promise<string> {
  // Hash the canonical query: it may be kilobytes long, and URLs should not be.
  const digest = await sha256Hex(`${organizationId}\n${canonicalQuery}`);
  return `${CACHE_HOST}/v1${namespacePath(namespace)}/org/${encodeURIComponent(organizationId)}/g/${encodeURIComponent(generation)}/q/${digest}`;
}

/** `/ns/<namespace>`, or nothing without one. */
export function namespacePath(namespace: string | undefined): string {
  return namespace ? `/ns/${encodeURIComponent(namespace)}` : "";
}
