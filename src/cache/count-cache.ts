/**
 * @module One count per filter: a count depends on the organization, the
 * filter and the count mode only, so it is cached under its own key (same
 * generation and freshness as pages) and reused by every page, page size,
 * sort and projection of that filter, which then run only the page part.
 */
import { logFailure } from "../log.ts";
import type { Count, CountMode } from "../query/count.ts";
import type { CacheContext } from "./answer-cache.ts";
import { freshnessOf } from "./policy.ts";

export interface CountCache {
  /** The fresh cached count, if any. */
  read(): Promise<Count | undefined>;
  /** Caches a count, in the background. */
  write(count: Count): void;
}

/**
 * The count cache of one filter (`canonicalFilter`, the filter's canonical
 * form) in one mode; it does nothing for `none` or with the cache off.
 */
export function countCache(
  organizationId: string,
  canonicalFilter: string,
  mode: CountMode,
  context: CacheContext,
): CountCache {
  const { cache } = context;
  const enabled = mode !== "none" && cache.settings.ttlSeconds > 0;
  // Built once: a write after a read uses the key the read built.
  let url: Promise<string> | undefined;
  const key = () => {
    url ??= cache.key(organizationId, `count:${mode}:${canonicalFilter}`);
    return url;
  };
  return {
    async read() {
      if (!enabled) return undefined;
      const entry = await cache.read(await key());
      if (!entry || freshnessOf(entry, context.clock(), cache.settings) !== "fresh") return undefined;
      return JSON.parse(entry.body) as Count;
    },
    write(count) {
      if (!enabled) return;
      const body = JSON.stringify(count);
      context.waitUntil(
        key()
          .then((url) =>
            cache.write(url, { body, etag: '"count"', storedAt: context.clock(), rows: 0 }, organizationId),
          )
          // A count not cached is only counted again.
          .catch((error: unknown) => logFailure("warn", "count cache write failed", error)),
      );
    },
  };
}
