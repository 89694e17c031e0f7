/**
 * @module Every cached answer — pages and facets — goes through `cachedAnswer`:
 * the edge cache under the organization and the canonical request (its
 * generation, freshness, stale-while-revalidate and stale-if-error:
 * policy.ts), or `load`, the one database round trip, on a miss.
 */
import type { Measure } from "../measure.ts";
import type { EdgeCache, StoredAnswer } from "./edge-cache.ts";
import { type CacheStatus, cachePolicy } from "./policy.ts";

/** What caching an answer needs from the request. */
export interface CacheContext {
  readonly cache: EdgeCache;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  /** Keeps work running after the answer is sent (the Worker's `waitUntil`). */
  readonly waitUntil: (promise: Promise<unknown>) => void;
  readonly measure: Measure;
}

/** An answer ready to send: its body and ETag, and where it came from. */
export interface CachedAnswer {
  answer: StoredAnswer;
  /** HIT, MISS or STALE (see policy.ts). */
  cache: CacheStatus;
  /** Seconds since the answer was read from the database. */
  ageSeconds: number;
}

export async function cachedAnswer(
  organizationId: string,
  canonical: string,
  load: () => Promise<StoredAnswer>,
  context: CacheContext,
): Promise<CachedAnswer> {
  const { cache, measure } = context;
  const { entry, status } = await cachePolicy(
    () => measure("cache", () => cache.key(organizationId, canonical)),
    () => measure("db", load),
    {
      settings: cache.settings,
      store: {
        read: (key) => measure("cache", () => cache.read(key)),
        write: (key, fresh) => cache.write(key, fresh, organizationId),
      },
      now: context.clock,
      schedule: context.waitUntil,
    },
  );
  return {
    answer: entry,
    cache: status,
    ageSeconds: Math.max(0, Math.floor((context.clock() - entry.storedAt) / 1000)),
  };
}
