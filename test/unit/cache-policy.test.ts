import { afterEach, describe, expect, it, vi } from "vitest";
import { type CachePolicyContext, cachePolicy, type EntryStore, freshnessOf } from "../../src/cache/policy.ts";
import type { CacheSettings } from "../../src/cache/settings.ts";
import { DatabaseUnavailable, QueryTimedOut } from "../../src/domain/errors.ts";

/**
 * The edge cache's decisions, in plain Node: an in-memory store, a clock the
 * test sets, and a scheduler that records the background work instead of
 * handing it to `waitUntil`.
 */
interface Page {
  body: string;
  storedAt: number;
}

const SETTINGS: CacheSettings = { ttlSeconds: 30, staleWhileRevalidateSeconds: 300, staleIfErrorSeconds: 3600 };
const NOW = 1_800_000_000_000;
const KEY = "https://cache.test/k";

/** A page stored `ageSeconds` before NOW. */
const aged = (ageSeconds: number, body = "old"): Page => ({ body, storedAt: NOW - ageSeconds * 1000 });

function harness(entry?: Page, settings = SETTINGS) {
  const entries = new Map<string, Page>(entry ? [[KEY, entry]] : []);
  const scheduled: Promise<unknown>[] = [];
  const store: EntryStore<Page> = {
    read: vi.fn(async (key: string) => entries.get(key)),
    write: vi.fn(async (key: string, page: Page) => {
      entries.set(key, page);
    }),
  };
  const context: CachePolicyContext<Page> = {
    settings,
    store,
    now: () => NOW,
    schedule: (work) => scheduled.push(work),
    refreshing: new Set(),
  };
  const key = vi.fn(async () => KEY);
  /** Waits for the background work scheduled so far. */
  const settle = () => Promise.all(scheduled);
  return { entries, scheduled, store, context, key, settle };
}

const loads = (body = "new") => vi.fn(async (): Promise<Page> => ({ body, storedAt: NOW }));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("freshness windows", () => {
  it("fresh, then stale-while-revalidate, then stale-if-error, then expired; each bound exclusive", () => {
    expect(freshnessOf(aged(0), NOW, SETTINGS)).toBe("fresh");
    expect(freshnessOf(aged(29.999), NOW, SETTINGS)).toBe("fresh");
    expect(freshnessOf(aged(30), NOW, SETTINGS)).toBe("stale");
    expect(freshnessOf(aged(329.999), NOW, SETTINGS)).toBe("stale");
    expect(freshnessOf(aged(330), NOW, SETTINGS)).toBe("stale-if-error");
    expect(freshnessOf(aged(3929.999), NOW, SETTINGS)).toBe("stale-if-error");
    expect(freshnessOf(aged(3930), NOW, SETTINGS)).toBe("expired");
  });
});

describe("cachePolicy", () => {
  it("HIT: a fresh entry is served without loading", async () => {
    const h = harness(aged(10));
    const load = loads();
    expect(await cachePolicy(h.key, load, h.context)).toEqual({ entry: aged(10), status: "HIT" });
    expect(load).not.toHaveBeenCalled();
    expect(h.scheduled).toHaveLength(0);
  });

  it("MISS: no entry; the loaded page is answered and written in the background", async () => {
    const h = harness();
    const load = loads();
    expect(await cachePolicy(h.key, load, h.context)).toEqual({
      entry: { body: "new", storedAt: NOW },
      status: "MISS",
    });
    expect(load).toHaveBeenCalledOnce();
    await h.settle();
    expect(h.entries.get(KEY)?.body).toBe("new");
  });

  it("cache off (ttl 0): loads, answers MISS, and neither computes a key nor reads or writes", async () => {
    const h = harness(aged(0), { ...SETTINGS, ttlSeconds: 0 });
    const load = loads();
    expect((await cachePolicy(h.key, load, h.context)).status).toBe("MISS");
    expect(h.key).not.toHaveBeenCalled();
    expect(h.store.read).not.toHaveBeenCalled();
    expect(h.store.write).not.toHaveBeenCalled();
    expect(h.scheduled).toHaveLength(0);
  });

  it("STALE: an entry past its ttl is served at once and refreshed in the background", async () => {
    const h = harness(aged(100));
    const load = loads();
    expect(await cachePolicy(h.key, load, h.context)).toEqual({ entry: aged(100), status: "STALE" });
    expect(h.scheduled).toHaveLength(1);
    await h.settle();
    expect(load).toHaveBeenCalledOnce();
    expect(h.entries.get(KEY)?.body).toBe("new");
  });

  it("one background refresh per key at a time; the next stale request after it may start another", async () => {
    const h = harness(aged(100));
    let finish: (page: Page) => void = () => undefined;
    const load = vi.fn(() => new Promise<Page>((resolve) => (finish = resolve)));
    for (let i = 0; i < 3; i++) expect((await cachePolicy(h.key, load, h.context)).status).toBe("STALE");
    expect(load).toHaveBeenCalledOnce();
    expect(h.context.refreshing?.has(KEY)).toBe(true);
    finish({ body: "new", storedAt: NOW - 100_000 }); // still stale when it lands
    await h.settle();
    expect(h.context.refreshing?.size).toBe(0);
    await cachePolicy(h.key, load, h.context);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("a failed background refresh is logged, keeps the old entry, and lets a later request retry", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const h = harness(aged(100));
    const load = vi.fn(async (): Promise<Page> => {
      throw new DatabaseUnavailable("database unavailable; retry later");
    });
    expect((await cachePolicy(h.key, load, h.context)).status).toBe("STALE");
    await h.settle();
    expect(h.entries.get(KEY)).toEqual(aged(100));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"background refresh failed"'));
    expect(h.context.refreshing?.size).toBe(0);
  });

  it("stale-if-error: past the revalidation window the database is asked; if it fails, the old page stands in", async () => {
    for (const failure of [new DatabaseUnavailable("database unavailable; retry later"), new QueryTimedOut()]) {
      const h = harness(aged(1000));
      const load = vi.fn(async (): Promise<Page> => {
        throw failure;
      });
      expect(await cachePolicy(h.key, load, h.context)).toEqual({ entry: aged(1000), status: "STALE" });
      expect(load).toHaveBeenCalledOnce();
      expect(h.store.write).not.toHaveBeenCalled();
    }
  });

  it("stale-if-error only for an unavailable database: any other failure is thrown", async () => {
    const h = harness(aged(1000));
    const bug = new TypeError("a bug");
    await expect(
      cachePolicy(
        h.key,
        async () => {
          throw bug;
        },
        h.context,
      ),
    ).rejects.toBe(bug);
  });

  it("stale-if-error window, database back: a MISS with the new page, written", async () => {
    const h = harness(aged(1000));
    expect((await cachePolicy(h.key, loads(), h.context)).status).toBe("MISS");
    await h.settle();
    expect(h.entries.get(KEY)?.body).toBe("new");
  });

  it("expired, or no entry: a failing database is thrown, nothing stands in", async () => {
    for (const entry of [aged(4000), undefined]) {
      const h = harness(entry);
      const failure = new DatabaseUnavailable("database unavailable; retry later");
      await expect(
        cachePolicy(
          h.key,
          async () => {
            throw failure;
          },
          h.context,
        ),
      ).rejects.toBe(failure);
      expect(h.store.write).not.toHaveBeenCalled();
    }
  });

  it("a failed cache write is logged, never thrown at the client", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const h = harness();
    h.store.write = vi.fn(async () => {
      throw new Error("cache full");
    });
    expect((await cachePolicy(h.key, loads(), h.context)).status).toBe("MISS");
    await h.settle();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"cache write failed"'));
  });
});
