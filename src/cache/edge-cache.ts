/**
 * @module The edge cache as the services see it: keys per organization and
 * canonical request, answers read and written in the data center's Cache API,
 * and purges by organization. The policy (when to serve what) is policy.ts.
 *
 * The Cache API keeps no notion of "stale", so an entry carries the time it
 * was stored and the policy decides whether it is fresh, may be served while
 * revalidating, or may only stand in for a failing database.
 *
 * The cache fails soft: when the organization's generation cannot be read
 * (Workers KV failing), no key can be built, so the request gets `BYPASS_KEY`,
 * which every read misses and every write skips — the answer comes from the
 * database, uncached, and the failure is logged; a Cache API lookup that fails
 * is a miss. Neither is ever a 500.
 */
import type { Env } from "../env.ts";
import { logFailure } from "../log.ts";
import { cacheKeyUrl } from "./cache-key.ts";
import { bumpGeneration, currentGeneration } from "./generation.ts";
import { lifetimeSeconds } from "./policy.ts";
import { type CacheSettings, cacheSettingsFrom } from "./settings.ts";

/** An answer as the cache stores it: its body, its ETag, when it was read from the database. */
export interface StoredAnswer {
  body: string;
  etag: string;
  storedAt: number;
  /** Contacts (or counted values) in the answer, for the request log. */
  rows: number;
}

export interface EdgeCache {
  readonly settings: CacheSettings;
  /**
   * The key of an answer: the organization, its current cache generation, and
   * the canonical request; `BYPASS_KEY` when the generation cannot be read.
   */
  key(organizationId: string, canonical: string): Promise<string>;
  read(key: string): Promise<StoredAnswer | undefined>;
  write(key: string, answer: StoredAnswer, organizationId: string): Promise<void>;
  /** Makes every cached answer of the organization unreachable; `undefined` when purging is not configured. */
  purge(organizationId: string): Promise<string | undefined>;
}

/** The key of a request whose cache generation is unknown: never read, never written. */
export const BYPASS_KEY = "https://cache.contact-query.internal/bypass";

export function edgeCache(env: Env): EdgeCache {
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
    key: async (organizationId, canonical) => {
      const generation = await generationOf(organizationId);
      return generation === undefined ? BYPASS_KEY : cacheKeyUrl(organizationId, generation, canonical, namespace);
    },
    read: async (key) => {
      if (key === BYPASS_KEY) return undefined;
      return readAnswer(key).catch((error: unknown) => {
        logFailure("warn", "cache read failed; answering from the database", error);
        return undefined;
      });
    },
    write: async (key, answer, organizationId) => {
      if (key !== BYPASS_KEY) await writeAnswer(key, answer, settings, organizationId);
    },
    purge: async (organizationId) => (kv ? bumpGeneration(kv, organizationId) : undefined),
  };
}

const CACHE_NAME = "contact-query";
const STORED_AT = "X-Stored-At";
const ROWS = "X-Rows";
/** Larger bodies are not stored (the Cache API refuses very large objects). */
const MAX_CACHEABLE_BYTES = 100 * 1024 * 1024;

export async function readAnswer(key: string): Promise<StoredAnswer | undefined> {
  const cache = await caches.open(CACHE_NAME);
  const response = await cache.match(key);
  if (!response) return undefined;
  const storedAt = Number(response.headers.get(STORED_AT));
  const etag = response.headers.get("ETag");
  if (!Number.isFinite(storedAt) || !etag) return undefined;
  return { body: await response.text(), etag, storedAt, rows: Number(response.headers.get(ROWS) ?? 0) };
}

async function writeAnswer(key: string, answer: StoredAnswer, settings: CacheSettings, organizationId: string) {
  if (answer.body.length > MAX_CACHEABLE_BYTES) return;
  const cache = await caches.open(CACHE_NAME);
  await cache.put(
    key,
    new Response(answer.body, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": `max-age=${lifetimeSeconds(settings)}`,
        // Lets an operator purge one organization through Cloudflare's purge-by-tag.
        "Cache-Tag": `org-${organizationId}`,
        ETag: answer.etag,
        [STORED_AT]: String(answer.storedAt),
        [ROWS]: String(answer.rows),
      },
    }),
  );
}
