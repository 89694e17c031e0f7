import { afterEach, describe, expect, it, vi } from "vitest";
import { BYPASS_KEY, edgeCache } from "../../src/cache/edge-cache.ts";
import { generationTime, generationWriter } from "../../src/cache/generation.ts";
import { DependencyUnavailable } from "../../src/domain/errors.ts";
import type { Env } from "../../src/env.ts";

/**
 * Cache generations under failure and concurrency, in plain Node: a KV
 * namespace that enforces KV's write limit (one write per second per key,
 * refused with a 429 as KV does), a clock the test owns, and several isolates
 * (writers) purging one organization at once.
 */
const ORG = "org_unit";

function fakeKv(clock: { now: number }, options: { failGets?: boolean; failPuts?: boolean } = {}) {
  const values = new Map<string, string>();
  const lastWrite = new Map<string, number>();
  const puts = { accepted: 0, refused: 0 };
  const kv = {
    get: vi.fn(async (key: string) => {
      if (options.failGets) throw new Error("KV GET failed: 503 Service Unavailable");
      return values.get(key) ?? null;
    }),
    put: vi.fn(async (key: string, value: string) => {
      const last = lastWrite.get(key);
      if (options.failPuts || (last !== undefined && clock.now - last < 1000)) {
        puts.refused += 1;
        throw new Error("KV PUT failed: 429 Too Many Requests");
      }
      lastWrite.set(key, clock.now);
      values.set(key, value);
      puts.accepted += 1;
    }),
  };
  return { kv: kv as unknown as KVNamespace, values, puts };
}

function timing(clock: { now: number }) {
  return {
    now: () => clock.now,
    sleep: async (ms: number) => {
      await Promise.resolve();
      clock.now += ms;
    },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("purges under KV's write limit", () => {
  it("20 concurrent purges in one isolate share writes: all succeed, each covered by a generation made after it started", async () => {
    const clock = { now: 1_800_000_000_000 };
    const { kv, values, puts } = fakeKv(clock);
    const bump = generationWriter(timing(clock));
    const started = clock.now;
    const generations = await Promise.all(Array.from({ length: 20 }, () => bump(kv, ORG)));
    expect(new Set(generations).size).toBeLessThanOrEqual(2);
    expect(puts.accepted).toBeLessThanOrEqual(2);
    expect(puts.refused).toBe(0);
    for (const generation of generations) expect(generationTime(generation)).toBeGreaterThanOrEqual(started);
    expect(values.get(`generation:${ORG}`)).toBe(generations.at(-1));
  });

  it("8 isolates purging at once: refused writes wait out the limit and are covered by another's; none fails", async () => {
    const clock = { now: 1_800_000_000_000 };
    const { kv, puts } = fakeKv(clock);
    const writers = Array.from({ length: 8 }, () => generationWriter(timing(clock)));
    const purges = writers.flatMap((bump) =>
      Array.from({ length: 3 }, async () => {
        const started = clock.now;
        return { started, generation: await bump(kv, ORG) };
      }),
    );
    const results = await Promise.all(purges);
    expect(results).toHaveLength(24);
    for (const { started, generation } of results) expect(generationTime(generation)).toBeGreaterThanOrEqual(started);
    expect(puts.refused).toBeGreaterThan(0); // the limit was met, and survived
  });

  it("a purge that KV keeps refusing is a DependencyUnavailable (503) after a bounded number of attempts", async () => {
    const clock = { now: 1_800_000_000_000 };
    const { kv, puts } = fakeKv(clock, { failPuts: true });
    const warnings: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((line: string) => warnings.push(line));
    const bump = generationWriter({ ...timing(clock), attempts: 4 });
    await expect(bump(kv, ORG)).rejects.toBeInstanceOf(DependencyUnavailable);
    expect(puts.refused).toBe(4);
    // Each refused write is logged once, by the error's name only (never its text).
    expect(warnings.map((line) => JSON.parse(line))).toEqual(
      Array.from({ length: 4 }, () => ({
        level: "warn",
        message: "cache generation write refused",
        error: "Error",
        code: null,
      })),
    );
    expect(clock.now - 1_800_000_000_000).toBeLessThan(4 * 1500 + 1); // waited at most 4 × (1 s + jitter)
  });

  it("generations carry the time they were made", () => {
    expect(generationTime(`${(1_800_000_000_123).toString(36)}-abcd1234`)).toBe(1_800_000_000_123);
    expect(generationTime("0")).toBe(0);
    expect(generationTime("garbage")).toBe(0);
  });
});

describe("a failing generation read", () => {
  it("bypasses the cache (reads miss, writes are skipped) and is logged once per request, without its message", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { kv } = fakeKv({ now: 0 }, { failGets: true });
    const cache = edgeCache({ CACHE_GENERATIONS: kv } as unknown as Env);
    const key = await cache.key(ORG, "q1");
    expect(key).toBe(BYPASS_KEY);
    expect(await cache.key(ORG, "count:exact:q1")).toBe(BYPASS_KEY);
    expect(await cache.read(key)).toBeUndefined();
    await cache.write(key, { body: "{}", etag: '"e"', storedAt: 0, rows: 0 }, ORG); // no Cache API here: it must not be called
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toBe(
      JSON.stringify({
        level: "warn",
        message: "cache generation unavailable; answering from the database, uncached",
        error: "Error",
        code: null,
      }),
    );
  });
});
