import pg from "pg";
import { parseFacetFields } from "../src/query/facets.ts";
import { parseContactQuery, parseFilter } from "../src/query/parse-query.ts";
import { facetsStatement } from "../src/sql/facets.ts";
import { pageStatement } from "../src/sql/page.ts";
import { PlanFile } from "./lib/explain.ts";
import { type FloorTimer, pageFloor, rowsFloor } from "./lib/floor.ts";
import { benchDatabaseUrl } from "./lib/pg.ts";
import { BENCH_ORG } from "./lib/query-set.ts";
import { ratio, startEnvironment, times, writeResults } from "./lib/results.ts";
import { printTable } from "./lib/table.ts";

/**
 * `npm run bench:facets`: database time of the facets statement
 * (src/sql/facets-sql.ts, exactly as the service writes it) on the 1M-contact
 * database (docs/performance.md "Setup"), median of RUNS after one warm-up run:
 *
 * - five facet fields over the whole 600k organization (goal < 300 ms);
 * - the same five over a selective filter (≤ 10k matches; goal < 50 ms);
 *
 * and, for projections, a 1000-row page with `fields=name,email_address,info.partner`
 * against the full page: the bytes of `data` and the database time (count=none,
 * so only the page is measured). Environment: DATABASE_URL (required), RUNS (5).
 *
 * Floors (bench/lib/floor.ts), timed the same way before each case and again
 * at the end: for facets, the matching rows read once (`count(info)` with the
 * same WHERE); for pages, a minimal index scan for a page of 1000.
 * Writes bench/results/facets.json, and the facets statements' EXPLAIN
 * (ANALYZE, BUFFERS) to bench/results/facets.explain.txt.
 */
const RUNS = Number(process.env.RUNS ?? 5);
const FIELDS =
  "info.partner,tags,info.enrichedContactInfo.status,info.cosellPartnerMetrics.industries,info.enrichedContactInfo.info.isPrimary";
/** `tags-has` of the query set: ~1.6% of the organization. */
const SELECTIVE = '(has tags "do-not-contact")';

async function timed(client: pg.Client, statement: { sql: string; params: unknown[] }) {
  await client.query(statement.sql, statement.params); // warm-up
  const times: number[] = [];
  let row: Record<string, unknown> | undefined;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = await client.query(statement.sql, statement.params);
    times.push(performance.now() - started);
    row = result.rows[0];
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] as number, min: times[0] as number, row };
}

/** A figure and its floor: the floor's samples are taken before the case and again at the end of the run. */
interface Floored {
  record: { medianMs: number; floor?: ReturnType<FloorTimer["result"]>; ratio?: number };
  floor: FloorTimer;
}

async function main(): Promise<void> {
  const environment = startEnvironment();
  const client = new pg.Client({ connectionString: benchDatabaseUrl() });
  await client.connect();
  const rows: string[][] = [];
  const plans = new PlanFile("facets");
  const floored: Floored[] = [];
  const facets: Record<string, unknown>[] = [];
  const pageResults: Record<string, unknown>[] = [];
  const pageFloorTimer = pageFloor(BENCH_ORG, 1000);
  try {
    const fields = parseFacetFields(FIELDS);
    for (const [name, q, goal, plan] of [
      ["5 facets, whole organization", "", 300, "facets-whole"],
      ["5 facets, selective filter", SELECTIVE, 50, "facets-selective"],
    ] as const) {
      const filter = parseFilter(q, "lisp");
      const statement = facetsStatement(BENCH_ORG, { filter, fields, limit: 10 }).toQuery();
      const floor = rowsFloor(BENCH_ORG, filter, { runs: RUNS });
      await floor.sample(client);
      const { median, min, row } = await timed(client, statement);
      await plans.add(client, plan, [`${name}: ${FIELDS}`, `q: ${q || "(none)"}`], statement);
      const record = { name, q, matches: Number(row?.total_count), medianMs: median, minMs: min, goalMs: goal };
      facets.push(record);
      floored.push({ record, floor });
      rows.push([
        name,
        String(row?.total_count),
        median.toFixed(1),
        min.toFixed(1),
        `< ${goal}`,
        median < goal ? "yes" : "NO",
      ]);
      console.log(`${name}: median ${median.toFixed(1)} ms`);
    }
    printTable(
      [`facets (${FIELDS.split(",").length} fields)`, "matches", "median ms", "min ms", "goal ms", "met"],
      rows,
    );

    await pageFloorTimer.sample(client);

    const pages: string[][] = [];
    for (const [name, fieldsParam] of [
      ["full contacts", undefined],
      ["fields=name,email_address,info.partner", "name,email_address,info.partner"],
    ] as const) {
      const query = parseContactQuery({
        qs: "lisp",
        ss: "simple",
        page_size: 1000,
        count: "none",
        ...(fieldsParam ? { fields: fieldsParam } : {}),
      });
      const { median, min, row } = await timed(client, pageStatement(BENCH_ORG, query).toQuery());
      const bytes = Buffer.byteLength(String(row?.data ?? ""));
      pages.push([name, String(bytes), (bytes / 1000).toFixed(0), median.toFixed(1), min.toFixed(1)]);
      const record = { name, fields: fieldsParam ?? null, dataBytes: bytes, medianMs: median, minMs: min };
      pageResults.push(record);
      floored.push({ record, floor: pageFloorTimer });
    }
    printTable(
      ["1000-row page (newest first, count=none)", "data bytes", "bytes/contact", "median ms", "min ms"],
      pages,
    );
    console.log(`\nmedian of ${RUNS} runs after one warm-up, through pg (database time plus one local round trip)`);
    // The floors again, at the end: their two medians show the machine's drift during the run.
    for (const timer of new Set(floored.map((f) => f.floor))) await timer.sample(client);
  } finally {
    await client.end();
  }
  for (const { record, floor } of floored) {
    record.floor = floor.result();
    record.ratio = ratio(record.medianMs, record.floor.medianMs);
  }
  printTable(
    ["figure", "median ms", "floor", "floor ms", "median / floor"],
    floored.map(({ record }) => [
      String((record as { name?: string }).name),
      record.medianMs.toFixed(1),
      record.floor?.about ?? "-",
      record.floor?.medianMs.toFixed(2) ?? "-",
      times(record.ratio ?? Number.NaN),
    ]),
  );
  const file = writeResults(
    "facets",
    { ...environment.finish(), runs: RUNS, organization: BENCH_ORG, fields: FIELDS, facets, pages: pageResults },
    ["RUNS"],
  );
  console.log(`figures: ${file}; plans: ${plans.write()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
