/**
 * @module Per-organization cache generations, for purging. Every cache key includes
 * the organization's generation; a purge writes a new one, so every older
 * entry of that organization is unreachable at once (and expires on its own).
 *
 * Generations live in Workers KV (binding CACHE_GENERATIONS), read on each
 * request — a KV read, not a database read. KV is eventually consistent: a
 * purge is visible in the data center that made it immediately, elsewhere
 * typically within a minute (KV's edge caching). Without the binding the
 * generation is always "0" and purging is unavailable.
 *
 * A generation is `<ms since the epoch, base 36>-<random>`: the time it was
 * made, so a purge can tell whether a generation written by someone else was
 * made after it started (and therefore covers it).
 */
import { DependencyUnavailable } from "../domain/errors.ts";
import { logFailure } from "../log.ts";

const DEFAULT_GENERATION = "0";
const KV_CACHE_TTL_SECONDS = 60; // the shortest edge caching KV allows

const keyOf = (organizationId: string) => `generation:${organizationId}`;

/** The organization's current generation; throws what KV throws (the caller decides what a failure means). */
export async function currentGeneration(kv: KVNamespace | undefined, organizationId: string): Promise<string> {
  if (!kv) return DEFAULT_GENERATION;
  return (await kv.get(keyOf(organizationId), { cacheTtl: KV_CACHE_TTL_SECONDS })) ?? DEFAULT_GENERATION;
}

/** When a generation was made (ms since the epoch); 0 for the default and for anything unreadable. */
export function generationTime(generation: string): number {
  const time = Number.parseInt(generation.split("-")[0] ?? "", 36);
  return generation.includes("-") && Number.isSafeInteger(time) ? time : 0;
}

/** How a purge waits and retries; the defaults are KV's (one write per second per key). */
export interface PurgeTiming {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Writes attempted before giving up. */
  attempts: number;
  /** KV refuses a second write to a key within this long (its documented limit: 1 per second). */
  writeIntervalMs: number;
}

const DEFAULT_TIMING: PurgeTiming = {
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  attempts: 4,
  writeIntervalMs: 1000,
};

/**
 * Purges, safe under concurrency. KV takes one write per second per key and
 * refuses more (a 429), so concurrent purges of one organization must not each
 * write:
 *
 * - In one isolate they are coalesced: a purge that arrives while a write is
 *   in flight waits for the next write, which all purges that arrived meanwhile
 *   share (a write that starts after a purge started covers it); at most one
 *   write is in flight and one queued per organization, and a write waits out
 *   KV's interval after this isolate's previous one.
 * - Across isolates, a refused write is not a failure yet: after KV's write
 *   interval (plus jitter) the purge reads the generation, and if one made
 *   after it started is there, someone else's purge covered it; otherwise it
 *   writes again. After `attempts` refusals it is `DependencyUnavailable` (a
 *   503 with Retry-After), never a 500.
 */
export function generationWriter(timing: Partial<PurgeTiming> = {}) {
  const { now, sleep, attempts, writeIntervalMs } = { ...DEFAULT_TIMING, ...timing };
  /** Per organization: the write in flight, and the write queued behind it (shared by every purge that waits). */
  const inFlight = new Map<string, Promise<string>>();
  const queued = new Map<string, Promise<string>>();
  /** When this isolate last wrote each organization's generation: its next write waits out KV's interval. */
  const lastWrite = new Map<string, number>();

  async function write(kv: KVNamespace, organizationId: string): Promise<string> {
    const started = now();
    const wait = (lastWrite.get(organizationId) ?? Number.NEGATIVE_INFINITY) + writeIntervalMs - started;
    if (wait > 0) await sleep(wait);
    for (let attempt = 1; ; attempt++) {
      const generation = `${now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
      try {
        await kv.put(keyOf(organizationId), generation);
        lastWrite.set(organizationId, now());
        return generation;
      } catch (error) {
        logFailure("warn", "cache generation write refused", error);
        await sleep(writeIntervalMs + Math.random() * (writeIntervalMs / 2));
        const current = await kv.get(keyOf(organizationId)).catch((readError: unknown) => {
          logFailure("warn", "cache generation read failed", readError);
          return null;
        });
        if (current !== null && generationTime(current) >= started) return current; // covered by another purge
        if (attempt >= attempts) {
          throw new DependencyUnavailable("cache purge unavailable (cache generations store); retry later");
        }
      }
    }
  }

  return function bumpGeneration(kv: KVNamespace, organizationId: string): Promise<string> {
    const waiting = queued.get(organizationId);
    if (waiting) return waiting;
    const previous = inFlight.get(organizationId);
    if (!previous) return start(kv, organizationId);
    const next = previous
      .catch(() => undefined) // its failure is its own purge's to report; this one only waits for it
      .then(() => {
        queued.delete(organizationId);
        return start(kv, organizationId);
      });
    queued.set(organizationId, next);
    return next;
  };

  function start(kv: KVNamespace, organizationId: string): Promise<string> {
    const running = write(kv, organizationId).finally(() => {
      if (inFlight.get(organizationId) === running) inFlight.delete(organizationId);
    });
    inFlight.set(organizationId, running);
    return running;
  }
}

/** This isolate's purges (see `generationWriter`). */
export const bumpGeneration = generationWriter();
