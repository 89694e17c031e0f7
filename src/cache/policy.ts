/**
 * @module The edge cache's policy, in one function: whether a request is answered from
 * the cache (HIT), from the cache while a refresh runs in the background
 * (STALE, stale-while-revalidate), from the loader (MISS), or from an old entry
 * because the database is failing (STALE, stale-if-error).
 *
 * The storage, the clock and the background scheduler are parameters, so the
 * decisions run (and are tested) without the Workers runtime and without HTTP.
 * The Cache API keeps no notion of "stale": an entry carries the time it was
 * stored (`storedAt`) and this policy decides.
 */
import { DatabaseUnavailable } from "../domain/errors.ts";
import { logFailure } from "../log.ts";
import type { CacheSettings } from "./settings.ts";

export type CacheStatus = "HIT" | "MISS" | "STALE";

export type Freshness = "fresh" | "stale" | "stale-if-error" | "expired";

/** What the policy needs to know of an entry: when it was read from the database (ms since the epoch). */
export interface Stored {
  storedAt: number;
}

export interface EntryStore<Entry> {
  read(key: string): Promise<Entry | undefined>;
  write(key: string, entry: Entry): Promise<void>;
}

export interface CachePolicyContext<Entry> {
  settings: CacheSettings;
  store: EntryStore<Entry>;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Runs work after the answer is sent (the Worker's `waitUntil`). */
  schedule: (work: Promise<unknown>) => void;
  /** Keys whose background refresh is running; by default one set per isolate. */
  refreshing?: Set<string>;
}

export interface CacheOutcome<Entry> {
  entry: Entry;
  status: CacheStatus;
}

/** Keys whose background refresh is already running in this isolate: one refresh per key at a time. */
const refreshingInIsolate = new Set<string>();

/**
 * Answers with a cached entry or a loaded one, and schedules what the cache
 * needs (a refresh, a write). `key` is only computed when the cache is on.
 * Only a `DatabaseUnavailable` (timeouts included) lets an old entry stand in
 * for the answer; any other error of `load` is thrown as is, and nothing that
 * failed is ever stored.
 */
export async function cachePolicy<Entry extends Stored>(
  key: () => Promise<string>,
  load: () => Promise<Entry>,
  context: CachePolicyContext<Entry>,
): Promise<CacheOutcome<Entry>> {
  const { settings, store } = context;
  if (settings.ttlSeconds === 0) return { entry: await load(), status: "MISS" };

  const cacheKey = await key();
  const cached = await store.read(cacheKey);
  const freshness: Freshness = cached ? freshnessOf(cached, context.now(), settings) : "expired";

  if (cached && freshness === "fresh") return { entry: cached, status: "HIT" };
  if (cached && freshness === "stale") {
    refreshInBackground(cacheKey, load, context);
    return { entry: cached, status: "STALE" };
  }

  let entry: Entry;
  try {
    entry = await load();
  } catch (error) {
    // stale-if-error: an old answer beats no answer while the database is failing.
    if (cached && freshness === "stale-if-error" && error instanceof DatabaseUnavailable) {
      return { entry: cached, status: "STALE" };
    }
    throw error;
  }
  context.schedule(store.write(cacheKey, entry).catch(warn("cache write failed")));
  return { entry, status: "MISS" };
}

export function freshnessOf(entry: Stored, now: number, settings: CacheSettings): Freshness {
  const age = (now - entry.storedAt) / 1000;
  if (age < settings.ttlSeconds) return "fresh";
  if (age < settings.ttlSeconds + settings.staleWhileRevalidateSeconds) return "stale";
  if (age < settings.ttlSeconds + settings.staleWhileRevalidateSeconds + settings.staleIfErrorSeconds) {
    return "stale-if-error";
  }
  return "expired";
}

/** How long an entry is worth keeping: every window in which it may still be served. */
export function lifetimeSeconds(settings: CacheSettings): number {
  return settings.ttlSeconds + settings.staleWhileRevalidateSeconds + settings.staleIfErrorSeconds;
}

function refreshInBackground<Entry extends Stored>(
  key: string,
  load: () => Promise<Entry>,
  context: CachePolicyContext<Entry>,
): void {
  const refreshing = context.refreshing ?? refreshingInIsolate;
  if (refreshing.has(key)) return;
  refreshing.add(key);
  context.schedule(
    load()
      .then((entry) => context.store.write(key, entry))
      .catch(warn("background refresh failed"))
      .finally(() => refreshing.delete(key)),
  );
}

/** Logs by name and SQLSTATE only: a failed load's message may quote the client's values (src/log.ts). */
function warn(message: string) {
  return (error: unknown) => logFailure("warn", message, error);
}
