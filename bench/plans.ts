import type pg from "pg";
import type { CountMode } from "../src/query/count.ts";
import { PlanFile } from "./lib/explain.ts";
import { type Floor, pageFloor } from "./lib/floor.ts";
import { connect } from "./lib/pg.ts";
import { BENCH_ORG, type BenchQuery, selectQueries } from "./lib/query-set.ts";
import { loadNow, median, ratio, startEnvironment, times, writeResults } from "./lib/results.ts";
import { printTable } from "./lib/table.ts";
import { cursorOf, type TranslateOptions, translate } from "./lib/translate.ts";

/**
 * `npm run bench:plans`: runs each query of the fixed set (bench/lib/query-set.ts)
 * as the service would (same parse and SQL) in each count mode — `none` (the
 * page alone: what a page of a filter whose count is cached costs), `estimated`
 * and `exact` — RUNS times after one warm-up, and prints the median wall time
 * of the whole statement with the plan's shape, and per query the estimate
 * against the true (exact) count. Then page 2 (by token, i.e. the cursor of
 * page 1) of the three slowest exact queries, with its count and with the count
 * already known (`countKnown`, as when the count cache holds it).
 *
 * Each figure is also stated as its ratio to the floor, a minimal index scan
 * for a page (bench/lib/floor.ts: the ids of the organization's first 20
 * contacts), timed the same way at the start and at the end of the run.
 *
 * Writes every EXPLAIN (ANALYZE, BUFFERS) to bench/results/plans.explain.txt
 * (sections `<query>` for exact, `<query>.<mode>` for the others) and all
 * figures to bench/results/plans.json. `npm run bench:plans -- name ...` runs
 * only the named queries; MODES=none,estimated limits the modes.
 */
const RUNS = Number(process.env.RUNS ?? 9);
const TARGET_MS = 20;
const ALL_MODES: readonly CountMode[] = ["none", "estimated", "exact"];
const MODES = (process.env.MODES?.split(",") ?? ALL_MODES).filter((mode): mode is CountMode =>
  ALL_MODES.includes(mode as CountMode),
);
const PLANS = new PlanFile("plans");
/** The floor's page: the service's default page size. */
const FLOOR_ROWS = 20;

interface Measured {
  medianMs: number;
  runsMs: number[];
  totalCount: number | null;
  totalExact: boolean;
  /** Scan nodes of the plan (EXPLAIN ANALYZE), e.g. "Index Only Scan contacts_org_creation_time_idx". */
  planNodes: string[];
  /** Whether Postgres JIT-compiled the statement (its compile time is in the figure). */
  jit: boolean;
  /** Length of the page's JSON (`data`): what the database sends per miss, and the body's bulk. */
  dataBytes: number;
  loadAverage: number;
  /** medianMs over the floor's median (bench/lib/floor.ts), set once the run's floor is known. */
  ratio?: number;
}

interface QueryResult {
  name: string;
  about: string;
  pageSize: number;
  modes: Partial<Record<CountMode, Measured>>;
}

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

async function main(): Promise<void> {
  const environment = startEnvironment();
  const client = await connect();
  const results: QueryResult[] = [];
  let page2: Page2Result[] = [];
  const floorTimer = pageFloor(BENCH_ORG, FLOOR_ROWS);
  let floor: Floor;
  try {
    console.log(`floor (${floorTimer.result().about}): ${(await floorTimer.sample(client)).toFixed(2)} ms`);
    for (const query of selectQueries(process.argv.slice(2))) {
      const result: QueryResult = { name: query.name, about: query.about, pageSize: query.pageSize ?? 20, modes: {} };
      for (const mode of MODES) {
        const measured = await measure(client, query, { count: mode }, mode === "exact" ? "" : `.${mode}`);
        result.modes[mode] = measured;
        console.log(
          `${query.name} [${mode}]: ${measured.medianMs.toFixed(1)} ms, total_count ${measured.totalCount}` +
            `${measured.jit ? " (JIT)" : ""}, load ${measured.loadAverage}`,
        );
      }
      results.push(result);
    }
    if (MODES.includes("exact")) page2 = await pageTwo(client, results);
    console.log(`floor at the end: ${(await floorTimer.sample(client)).toFixed(2)} ms`);
    floor = floorTimer.result();
  } finally {
    await client.end();
  }
  for (const measured of [
    ...results.flatMap((result) => Object.values(result.modes)),
    ...page2.flatMap((p) => [p.withCount, p.countKnown]),
  ]) {
    measured.ratio = ratio(measured.medianMs, floor.medianMs);
  }
  printModes(results);
  printEstimates(results);
  printPage2(page2);
  const run = environment.finish();
  console.log(
    `\nload average ${run.loadAverage.start} at the start, ${run.loadAverage.end} at the end; ${RUNS} runs per figure (median)`,
  );
  console.log(
    `floor: ${floor.about}, ${floor.medianMs} ms (${floor.startMs} at the start, ${floor.endMs} at the end); ×n = n floors`,
  );
  const file = writeResults(
    "plans",
    { ...run, runs: RUNS, targetMs: TARGET_MS, organization: BENCH_ORG, floor, queries: results, page2 },
    ["RUNS", "MODES"],
  );
  console.log(`figures: ${file}; plans: ${PLANS.write()}`);
}

/** Runs the statement once to warm the caches, then RUNS times; EXPLAIN (ANALYZE, BUFFERS) to the plan file. */
async function measure(
  client: pg.Client,
  query: BenchQuery,
  options: TranslateOptions,
  suffix: string | undefined,
): Promise<Measured> {
  const { sql, params } = translate(BENCH_ORG, query, options);
  const loadAverage = loadNow();
  await client.query(sql, params); // warm-up: caches, not the plan (each run is planned anew, as in the service)
  const runsMs: number[] = [];
  let row: { total_count: string | null; total_exact: boolean; data: string } | undefined;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const result = await client.query<{ total_count: string | null; total_exact: boolean; data: string }>(sql, params);
    runsMs.push(performance.now() - started);
    row = result.rows[0];
  }
  const { plan, jit } = await explain(client, sql, params);
  if (suffix !== undefined) {
    await PLANS.add(
      client,
      `${query.name}${suffix}`,
      [
        `${query.name}: ${query.about}`,
        `q: ${query.q ?? "(none)"}`,
        `s: ${query.s ?? "(default)"}`,
        `page_size ${query.pageSize ?? 20}, page_number ${query.pageNumber ?? 1}, count ${options.count ?? "exact"}` +
          `${options.after ? ", after the cursor of page 1" : ""}${options.countKnown ? ", count known" : ""}`,
      ],
      { sql, params },
    );
  }
  return {
    medianMs: round(median(runsMs)),
    runsMs: runsMs.map(round),
    totalCount: row?.total_count === null || row?.total_count === undefined ? null : Number(row.total_count),
    totalExact: row?.total_exact ?? false,
    planNodes: [...new Set(summarize(plan))],
    jit,
    dataBytes: Buffer.byteLength(row?.data ?? ""),
    loadAverage,
  };
}

interface Page2Result {
  name: string;
  withCount: Measured;
  countKnown: Measured;
}

/**
 * Page 2 by token of the three slowest queries in exact mode: the cursor of
 * page 1, then page 2 with its exact count (no count cached yet) and with
 * `countKnown` (the count cache holds the filter's count: page part only).
 */
async function pageTwo(client: pg.Client, results: readonly QueryResult[]): Promise<Page2Result[]> {
  const slowest = [...results]
    .filter((result) => result.modes.exact)
    .sort((a, b) => (b.modes.exact?.medianMs ?? 0) - (a.modes.exact?.medianMs ?? 0))
    .slice(0, 3);
  const out: Page2Result[] = [];
  for (const result of slowest) {
    const query = selectQueries([result.name])[0] as BenchQuery;
    const first = translate(BENCH_ORG, query, { count: "none" });
    const page1 = await client.query<{ next_keys: string | null }>(first.sql, first.params);
    const nextKeys = page1.rows[0]?.next_keys;
    if (!nextKeys) continue;
    const after = cursorOf(nextKeys);
    const withCount = await measure(client, query, { count: "exact", after }, ".page2");
    const countKnown = await measure(client, query, { count: "exact", after, countKnown: true }, ".page2-known");
    console.log(
      `${result.name} page 2: ${withCount.medianMs.toFixed(1)} ms with its count, ${countKnown.medianMs.toFixed(1)} ms with the count known`,
    );
    out.push({ name: result.name, withCount, countKnown });
  }
  return out;
}

const cell = (measured: Measured | undefined) =>
  measured
    ? `${measured.medianMs.toFixed(1)} ${times(measured.ratio ?? Number.NaN)}${measured.jit ? " (JIT)" : ""}`
    : "-";
const ok = (measured: Measured | undefined) => (measured ? (measured.medianMs < TARGET_MS ? "yes" : "NO") : "-");

function printModes(results: readonly QueryResult[]): void {
  printTable(
    [
      "query",
      "none ms",
      "< 20",
      "estimated ms",
      "< 20",
      "exact ms",
      "total_count",
      "load",
      "plan nodes (exact, else estimated)",
    ],
    results.map((result) => {
      const { none, estimated, exact } = result.modes;
      return [
        result.name,
        cell(none),
        ok(none),
        cell(estimated),
        ok(estimated),
        cell(exact),
        String((exact ?? estimated ?? none)?.totalCount ?? "-"),
        String((exact ?? estimated ?? none)?.loadAverage ?? "-"),
        ((exact ?? estimated ?? none)?.planNodes ?? []).join(", "),
      ];
    }),
  );
}

/** `count=estimated` against the exact count: exact (and equal) up to the bound, an estimate above it. */
function printEstimates(results: readonly QueryResult[]): void {
  const rows = results
    .filter((result) => result.modes.estimated && result.modes.exact)
    .map((result) => {
      const estimated = result.modes.estimated as Measured;
      const truth = result.modes.exact?.totalCount ?? 0;
      const estimate = estimated.totalCount ?? 0;
      const rule = estimated.totalExact ? estimate === truth && truth <= 10_000 : estimate > 10_000 && truth > 10_000;
      return [
        result.name,
        String(truth),
        String(estimate),
        String(estimated.totalExact),
        estimated.totalExact ? "-" : `${(((estimate - truth) / truth) * 100).toFixed(1)}%`,
        rule ? "yes" : "VIOLATED",
      ];
    });
  if (rows.length === 0) return;
  printTable(
    ["query", "true count", "estimated total_count", "total_count_exact", "error", "exact when ≤ 10,000"],
    rows,
  );
}

function printPage2(page2: readonly Page2Result[]): void {
  if (page2.length === 0) return;
  printTable(
    ["query (page 2 by token)", "with its exact count ms", "count known ms", "total_count"],
    page2.map((p) => [p.name, cell(p.withCount), cell(p.countKnown), String(p.withCount.totalCount)]),
  );
}

const round = (value: number) => Math.round(value * 100) / 100;

async function explain(client: pg.Client, sql: string, params: unknown[]): Promise<{ plan: PlanNode; jit: boolean }> {
  const result = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode; JIT?: unknown }] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
    params,
  );
  const top = result.rows[0]?.["QUERY PLAN"][0];
  if (!top?.Plan) throw new Error("EXPLAIN returned no plan");
  return { plan: top.Plan, jit: top.JIT !== undefined };
}

/** Scan nodes on contacts, e.g. "Bitmap Index Scan contacts_info_idx". */
function summarize(node: PlanNode, out: string[] = []): string[] {
  if (/Scan/.test(node["Node Type"]) && (node["Index Name"] || node["Relation Name"] === "contacts")) {
    out.push(node["Index Name"] ? `${node["Node Type"]} ${node["Index Name"]}` : node["Node Type"]);
  }
  for (const child of node.Plans ?? []) summarize(child, out);
  return out;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
