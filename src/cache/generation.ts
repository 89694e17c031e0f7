/**
 * Per-organization cache generations, for purging. Every cache key includes
 * the organization's generation; a purge writes a new one, so every older
 * entry of that organization is unreachable at once (and expires on its own).
 *
 * Generations live in Workers KV (binding CACHE_GENERATIONS), read on each
 * request — a KV read, not a database read. KV is eventually consistent: a
 * purge is visible in the data center that made it immediately, elsewhere
 * typically within a minute (KV's edge caching). Without the binding the
 * generation is always "0" and purging is unavailable.
 */
const DEFAULT_GENERATION = "0";
const KV_CACHE_TTL_SECONDS = 60; // the shortest edge caching KV allows

export async function currentGeneration(kv: KVNamespace | undefined, organizationId: string): Promise<string> {
  if (!kv) return DEFAULT_GENERATION;
  return (await kv.get(`generation:${organizationId}`, { cacheTtl: KV_CACHE_TTL_SECONDS })) ?? DEFAULT_GENERATION;
}

export async function bumpGeneration(kv: KVNamespace, organizationId: string): Promise<string> {
  const generation = `${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
  await kv.put(`generation:${organizationId}`, generation);
  return generation;
}
