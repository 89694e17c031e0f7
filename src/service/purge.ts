/** @module Purges: every cached answer of an organization made unreachable at once (src/cache/generation.ts). */
import { NotConfigured } from "../domain/errors.ts";
import type { ServiceDeps } from "./deps.ts";

/** Returns the organization's new cache generation. */
export async function purgeContactCache(organizationId: string, deps: Pick<ServiceDeps, "cache">): Promise<string> {
  const generation = await deps.cache.purge(organizationId);
  if (generation === undefined) {
    throw new NotConfigured("cache purge is not configured (no CACHE_GENERATIONS binding)");
  }
  return generation;
}
