import { describe, expect, it } from "vitest";
import type { EdgeCache, StoredAnswer } from "../../src/cache/edge-cache.ts";
import type { CacheSettings } from "../../src/cache/settings.ts";
import { DatabaseUnavailable, NotConfigured } from "../../src/domain/errors.ts";
import { SETTINGS as WORKER_SETTINGS } from "../../src/env.ts";
import type { QueryInput } from "../../src/query/parse-query.ts";
import { QueryError } from "../../src/query/query-error.ts";
import type { ServiceDeps } from "../../src/service/deps.ts";
import { purgeContactCache } from "../../src/service/purge.ts";
import { queryContacts } from "../../src/service/query.ts";

/**
 * The contacts service with fake dependencies, in plain Node: no HTTP, no
 * workerd, no database. The database answers the one row the statement
 * returns; the cache is a map.
 */
const ORG = "org_unit";
const DATA = '[{"id":"c1"},{"id":"c2"}]';
const SETTINGS: CacheSettings = { ttlSeconds: 30, staleWhileRevalidateSeconds: 300, staleIfErrorSeconds: 3600 };
const input = (fields: Partial<QueryInput> = {}): QueryInput => ({
  qs: "lisp",
  ss: "simple",
  page_size: 20,
  page_number: 1,
  ...fields,
});

function fakes(options: { failWith?: Error; purge?: string; pageRows?: string } = {}) {
  const statements: unknown[] = [];
  const pages = new Map<string, StoredAnswer>();
  const scheduled: Promise<unknown>[] = [];
  const keys: string[] = [];
  let now = 1_800_000_000_000;
  const cache: EdgeCache = {
    settings: SETTINGS,
    key: async (organizationId, canonical) => {
      keys.push(canonical);
      return `${organizationId}/${canonical}`;
    },
    read: async (key) => pages.get(key),
    write: async (key, page) => {
      pages.set(key, page);
    },
    purge: async () => options.purge,
  };
  const measured: string[] = [];
  const deps: ServiceDeps = {
    database: async (work) =>
      work({
        rows: async <T>(statement: unknown) => {
          statements.push(statement);
          if (options.failWith) throw options.failWith;
          return [
            { total_count: "2", total_exact: true, data: DATA, page_rows: options.pageRows ?? "2", next_keys: null },
          ] as unknown as T[];
        },
      }),
    cache,
    clock: () => now,
    waitUntil: (promise) => scheduled.push(promise),
    pageTokenSecret: "unit test secret",
    maxPageBytes: WORKER_SETTINGS.MAX_PAGE_BYTES.default,
    measure: (phase, work) => {
      measured.push(phase);
      return work();
    },
  };
  const advance = (seconds: number) => {
    now += seconds * 1000;
  };
  return { deps, statements, pages, keys, measured, advance, settle: () => Promise.all(scheduled) };
}

describe("queryContacts", () => {
  it("one statement on a miss; the body spliced around the rendered contacts; then a hit for any spelling", async () => {
    const f = fakes();
    const first = await queryContacts(ORG, input({ q: '(= info.partner "AWS")', page_size: 2 }), f.deps);
    expect(first.cache).toBe("MISS");
    expect(first.answer.body).toBe(
      `{"data":${DATA},"page_number":1,"page_size":2,"total_count":2,"total_count_exact":true,"next_page_token":null}`,
    );
    expect(first.answer.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.answer.rows).toBe(2);
    expect(f.statements).toHaveLength(1);
    expect(f.measured).toEqual(["cache", "cache", "db"]);
    await f.settle();

    f.advance(5);
    const again = await queryContacts(
      ORG,
      input({ q: '["eq", "info.partner", "AWS"]', qs: "json", page_size: 2 }),
      f.deps,
    );
    expect(again).toEqual({ answer: first.answer, cache: "HIT", ageSeconds: 5 });
    expect(f.statements).toHaveLength(1);
    // One page key for both spellings (the count has a key of its own, per filter).
    expect(new Set(f.keys.filter((key) => !key.startsWith("count:"))).size).toBe(1);
  });

  it("a page past the end has no rows but the true total", async () => {
    const f = fakes({ pageRows: "0" });
    const result = await queryContacts(ORG, input({ page_size: 1, page_number: 9 }), f.deps);
    expect(result.answer.rows).toBe(0);
    expect(result.answer.body).toContain('"total_count":2');
  });

  it("a mistake in the query is a QueryError, before the cache or the database is touched", async () => {
    const f = fakes();
    await expect(queryContacts(ORG, input({ q: "(= nme 1)" }), f.deps)).rejects.toBeInstanceOf(QueryError);
    expect(f.keys).toHaveLength(0);
    expect(f.statements).toHaveLength(0);
  });

  it("an unavailable database with nothing cached is the caller's to report", async () => {
    const f = fakes({ failWith: new DatabaseUnavailable("database unavailable; retry later") });
    await expect(queryContacts(ORG, input(), f.deps)).rejects.toBeInstanceOf(DatabaseUnavailable);
    await f.settle();
    expect(f.pages.size).toBe(0);
  });
});

describe("purgeContactCache", () => {
  it("returns the new generation, or NotConfigured without a generations store", async () => {
    expect(await purgeContactCache(ORG, fakes({ purge: "g2" }).deps)).toBe("g2");
    await expect(purgeContactCache(ORG, fakes().deps)).rejects.toBeInstanceOf(NotConfigured);
  });
});
