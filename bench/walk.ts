import type pg from "pg";
import type { Cursor } from "../src/query/ast.ts";
import { databaseMs, PlanFile } from "./lib/explain.ts";
import { type Floor, pageFloor } from "./lib/floor.ts";
import { connect } from "./lib/pg.ts";
import { BENCH_ORG, type BenchQuery, WALKS } from "./lib/query-set.ts";
import { loadNow, median, percentile, ratio, startEnvironment, times, writeResults } from "./lib/results.ts";
import { printTable } from "./lib/table.ts";
import { cursorOf, translate } from "./lib/translate.ts";

/**
 * `npm run bench:walk`: walks a query to its end by keyset pages, as a client
 * following `next_page_token` does (the statement's `next_keys` is the token's
 * cursor; test/differential.test.ts walks the same way), and times every
 * page's statement. Pages run with `count=none`: the walk's count is the first
 * page's, cached per filter (a page with the count known runs the same
 * statement). Checks that the pages hold every matching contact exactly once.
 *
 * Walks: `default` — all 600,000 contacts of the big organization, default sort
 * (newest first), PAGE_SIZE 1000; `json-sort` — all of them by a nullable JSON
 * path, closedWonCount descending (ties of ~100,000, ~410,000 nulls last);
 * `json` — `success-rate`'s filter (successRate 50..80, ~26k contacts) by
 * closedWonCount descending. `npm run bench:walk -- json` runs one; MAX_PAGES=n
 * stops each walk after n pages (to try the script: the figures are whole walks').
 * Two times per page: the round trip through `pg` (what a client waits for:
 * a full page's ~2 MB also crosses the socket and is decoded), and the time in
 * the database, planning plus execution, as EXPLAIN (ANALYZE, TIMING OFF)
 * reports them for the same statement run again right after.
 * Each walk's medians are also stated as ratios to the floor, a minimal index
 * scan for a page of the same size (bench/lib/floor.ts: the ids of the first
 * PAGE_SIZE contacts), timed both ways at the start and at the end of the run.
 * Writes bench/results/walk.json, and the EXPLAIN (ANALYZE, BUFFERS) of page
 * 300 (or of the last page of a shorter walk) to bench/results/walk.explain.txt.
 */
const PAGE_SIZE = Number(process.env.PAGE_SIZE ?? 1000);
/** Whose plan is written to bench/results/walk.explain.txt (the last page when a walk is shorter). */
const EXPLAINED_PAGE = 300;
const PLANS = new PlanFile("walk");
/** A walk's length in pages, when set (a short walk proves the script; the figures are whole walks'). */
const MAX_PAGES = process.env.MAX_PAGES ? Number(process.env.MAX_PAGES) : Number.POSITIVE_INFINITY;
const TARGET_MS = 20;

/** One series of page times. */
interface PageTimes {
  pageMs: number[];
  firstMs: number;
  medianMs: number;
  p90Ms: number;
  maxMs: number;
  lastMs: number;
  /** Median of the first and of the last tenth of the pages: flat when they are alike. */
  firstTenthMedianMs: number;
  lastTenthMedianMs: number;
  over20: number;
}

/** The fields of PageTimes are the round trips; `database` the same pages' time in the database. */
interface WalkResult extends PageTimes {
  name: string;
  about: string;
  q?: string;
  s?: string;
  pageSize: number;
  pages: number;
  rows: number;
  duplicates: number;
  database: PageTimes;
  /** The medians over the floor's: in the database over its time in the database, round trip over round trip. */
  ratio?: { database: number; roundTrip: number };
  loadAverage: { start: number; end: number };
}

const round = (value: number) => Math.round(value * 100) / 100;

function pageTimes(pageMs: number[]): PageTimes {
  const tenth = Math.max(1, Math.floor(pageMs.length / 10));
  return {
    pageMs: pageMs.map(round),
    firstMs: round(pageMs[0] ?? Number.NaN),
    medianMs: round(median(pageMs)),
    p90Ms: round(percentile(pageMs, 90)),
    maxMs: round(percentile(pageMs, 100)),
    lastMs: round(pageMs.at(-1) ?? Number.NaN),
    firstTenthMedianMs: round(median(pageMs.slice(0, tenth))),
    lastTenthMedianMs: round(median(pageMs.slice(-tenth))),
    over20: pageMs.filter((ms) => ms >= TARGET_MS).length,
  };
}

async function walk(client: pg.Client, query: BenchQuery): Promise<WalkResult> {
  const loadStart = loadNow();
  const seen = new Set<string>();
  const pageMs: number[] = [];
  const inDatabaseMs: number[] = [];
  let rows = 0;
  let duplicates = 0;
  let after: Cursor | undefined;
  /** The statement of the middle page (page 300 of the default walk), for its EXPLAIN. */
  let middle: { page: number; sql: string; params: unknown[] } | undefined;
  const base = { ...query, pageSize: PAGE_SIZE };
  // Warm-up: the first page once (caches), as the other benchmarks do.
  const warm = translate(BENCH_ORG, base, { count: "none" });
  await client.query(warm.sql, warm.params);
  for (let page = 1; ; page++) {
    const { sql, params } = translate(BENCH_ORG, { ...base, pageNumber: page }, { count: "none", after });
    if (page <= EXPLAINED_PAGE) middle = { page, sql, params };
    const started = performance.now();
    const result = await client.query<{ data: string; next_keys: string | null }>(sql, params);
    pageMs.push(performance.now() - started);
    inDatabaseMs.push(await databaseMs(client, { sql, params }));
    const row = result.rows[0];
    for (const contact of JSON.parse(row?.data ?? "[]") as { id: string }[]) {
      if (seen.has(contact.id)) duplicates += 1;
      seen.add(contact.id);
      rows += 1;
    }
    if (page % 100 === 0)
      console.log(
        `${query.name}: page ${page}, ${rows} rows, this page ${pageMs.at(-1)?.toFixed(1)} ms (${inDatabaseMs.at(-1)?.toFixed(1)} in the database)`,
      );
    if (!row?.next_keys || page >= MAX_PAGES) break;
    after = cursorOf(row.next_keys);
  }
  if (middle) {
    await PLANS.add(
      client,
      `walk ${query.name}`,
      [`walk '${query.name}': page ${middle.page} by token, page_size ${PAGE_SIZE}, count=none`],
      middle,
    );
  }
  return {
    name: query.name,
    about: query.about,
    ...(query.q ? { q: query.q } : {}),
    ...(query.s ? { s: query.s } : {}),
    pageSize: PAGE_SIZE,
    pages: pageMs.length,
    rows,
    duplicates,
    ...pageTimes(pageMs),
    database: pageTimes(inDatabaseMs),
    loadAverage: { start: loadStart, end: loadNow() },
  };
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const selected = names.length === 0 ? Object.keys(WALKS) : names;
  const environment = startEnvironment();
  const client = await connect();
  const results: WalkResult[] = [];
  const floorTimer = pageFloor(BENCH_ORG, PAGE_SIZE, { inDatabase: true });
  let floor: Floor;
  try {
    console.log(`floor (${floorTimer.result().about}): ${(await floorTimer.sample(client)).toFixed(2)} ms`);
    for (const name of selected) {
      const query: BenchQuery | undefined = (WALKS as Record<string, BenchQuery>)[name];
      if (!query) throw new Error(`unknown walk '${name}' (${Object.keys(WALKS).join(", ")})`);
      results.push(await walk(client, query));
    }
    console.log(`floor at the end: ${(await floorTimer.sample(client)).toFixed(2)} ms`);
    floor = floorTimer.result();
  } finally {
    await client.end();
  }
  for (const r of results) {
    r.ratio = { database: ratio(r.database.medianMs, floor.databaseMs), roundTrip: ratio(r.medianMs, floor.medianMs) };
  }
  const fmt = (value: number) => value.toFixed(1);
  const header = [
    "walk",
    "time",
    "pages",
    "first ms",
    "median ms",
    "p90 ms",
    "max ms",
    "last ms",
    "first 10% median",
    "last 10% median",
    `pages ≥ ${TARGET_MS} ms`,
    "median / floor",
  ];
  const timesRow = (r: WalkResult, label: string, t: PageTimes, floorRatio: number) => [
    r.name,
    label,
    String(r.pages),
    fmt(t.firstMs),
    fmt(t.medianMs),
    fmt(t.p90Ms),
    fmt(t.maxMs),
    fmt(t.lastMs),
    fmt(t.firstTenthMedianMs),
    fmt(t.lastTenthMedianMs),
    String(t.over20),
    times(floorRatio),
  ];
  printTable(
    header,
    results.flatMap((r) => [
      timesRow(r, "in the database", r.database, r.ratio?.database ?? Number.NaN),
      timesRow(r, "round trip", r, r.ratio?.roundTrip ?? Number.NaN),
    ]),
  );
  for (const r of results) {
    console.log(
      `${r.name}: ${r.rows} rows, ${r.duplicates} duplicates; load ${r.loadAverage.start} → ${r.loadAverage.end}`,
    );
  }
  const run = environment.finish();
  console.log(`\npage_size ${PAGE_SIZE}, count=none; load average ${run.loadAverage.start} → ${run.loadAverage.end}`);
  console.log(
    `floor: ${floor.about}, ${floor.databaseMs} ms in the database, ${floor.medianMs} ms round trip ` +
      `(${floor.startMs} at the start, ${floor.endMs} at the end)`,
  );
  const file = writeResults("walk", { ...run, organization: BENCH_ORG, floor, walks: results }, [
    "PAGE_SIZE",
    "MAX_PAGES",
  ]);
  console.log(`figures: ${file}; plans: ${PLANS.write()}`);
  if (results.some((r) => r.duplicates > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
