import type pg from "pg";
import type { CountMode } from "../src/query/count.ts";
import { databaseMs, PlanFile } from "./lib/explain.ts";
import { connect } from "./lib/pg.ts";
import { BENCH_ORG, type BenchQuery, icontainsEquivalent, QUERY_SET, SEARCH_SET } from "./lib/query-set.ts";
import { loadNow, median, startEnvironment, writeResults } from "./lib/results.ts";
import { printTable } from "./lib/table.ts";
import { translate } from "./lib/translate.ts";

/**
 * `npm run bench:search`: the searches of SEARCH_SET (bench/lib/query-set.ts)
 * as the service runs them (same parse and SQL), with `count=estimated`, each
 * timed beside `info-eq` (an indexed equality, bench:plans) and, for the
 * searches of three or more letters, beside the filter a client would write
 * without `search` (every word `icontains` in one of the searchable fields).
 * Runs are interleaved — every query once per round, RUNS rounds — so the
 * ratios compare figures taken under the same load; the absolute figures are
 * printed too. Times are the database's (planning + execution, EXPLAIN ANALYZE
 * with TIMING OFF), as bench:plans' are the round trip's on a local socket.
 *
 * Also prints what computing a contact's words costs per row (the function
 * the index is built on; a scan that does not read the index pays it for each
 * row it passes) and the index's size. Writes bench/results/search.json and
 * each search's EXPLAIN (ANALYZE, BUFFERS) to bench/results/search.explain.txt.
 * `npm run bench:search -- name ...` runs only the named searches.
 */
const RUNS = Number(process.env.RUNS ?? 9);
/** The icontains filters read every row of the organization: fewer rounds. */
const SLOW_RUNS = Number(process.env.SLOW_RUNS ?? 3);
const COUNT: CountMode = "estimated";
const TARGET_MS = 20;

interface Timed {
  name: string;
  about: string;
  search?: string;
  q?: string;
  runsMs: number[];
  medianMs: number;
  totalCount: number | null;
  totalExact: boolean;
}

async function main(): Promise<void> {
  const environment = startEnvironment();
  const client = await connect();
  const infoEq = QUERY_SET.find((query) => query.name === "info-eq") as BenchQuery;
  const names = process.argv.slice(2);
  const searches = names.length === 0 ? SEARCH_SET : SEARCH_SET.filter((query) => names.includes(query.name));
  const equivalents = searches
    .filter((query) => query.q === undefined && query.search.split(/\s+/).every((word) => word.length >= 3))
    .map((query) => ({
      name: `${query.name}:icontains`,
      about: "the icontains filter",
      q: icontainsEquivalent(query.search),
    }));
  const timed: Timed[] = [];
  let perRow: { rows: number; microseconds: number };
  let indexBytes: number;
  try {
    const fast = [infoEq, ...searches].map((query) => start(query));
    const slow = equivalents.map((query) => start(query));
    await rounds(client, fast, RUNS);
    await rounds(client, [fast[0] as Started, ...slow], SLOW_RUNS);
    for (const item of [...fast, ...slow]) timed.push(await finish(client, item));
    const plans = new PlanFile("search");
    for (const query of searches) {
      const statement = translate(BENCH_ORG, query, { count: COUNT });
      await plans.add(
        client,
        query.name,
        [`${query.name}: ${query.about}`, `search: ${query.search}`, `q: ${query.q ?? "(none)"}`, `count ${COUNT}`],
        statement,
      );
    }
    plans.write();
    perRow = await wordsCostPerRow(client);
    indexBytes = Number(
      (await client.query<{ bytes: string }>("SELECT pg_relation_size('contacts_search_idx') AS bytes")).rows[0]?.bytes,
    );
  } finally {
    await client.end();
  }
  const base = timed.find((item) => item.name === infoEq.name) as Timed;
  const byName = new Map(timed.map((item) => [item.name, item]));
  printTable(
    [
      "query",
      "search",
      "ms (median)",
      "/ info-eq",
      `< ${TARGET_MS}`,
      "icontains ms",
      "icontains / search",
      "total_count",
    ],
    timed
      .filter((item) => !item.name.endsWith(":icontains"))
      .map((item) => {
        const equivalent = byName.get(`${item.name}:icontains`);
        return [
          item.name,
          item.search ?? "",
          item.medianMs.toFixed(1),
          item === base ? "1" : (item.medianMs / base.medianMs).toFixed(2),
          item.medianMs < TARGET_MS ? "yes" : "NO",
          equivalent ? equivalent.medianMs.toFixed(0) : "",
          equivalent ? (equivalent.medianMs / item.medianMs).toFixed(0) : "",
          `${item.totalCount ?? "-"}${item.totalExact ? "" : " (estimate)"}`,
        ];
      }),
  );
  console.log(
    `\ncontact_search_vector: ${perRow.microseconds.toFixed(1)} µs a row (${perRow.rows} rows); ` +
      `contacts_search_idx: ${(indexBytes / 2 ** 20).toFixed(0)} MiB`,
  );
  const run = environment.finish();
  console.log(`load average ${run.loadAverage.start} at the start, ${run.loadAverage.end} at the end`);
  const file = writeResults("search", {
    ...run,
    runs: RUNS,
    slowRuns: SLOW_RUNS,
    count: COUNT,
    organization: BENCH_ORG,
    baseline: base.name,
    queries: timed,
    wordsPerRow: perRow,
    indexBytes,
  });
  console.log(`figures: ${file}`);
}

interface Started {
  query: BenchQuery;
  statement: { sql: string; params: unknown[] };
  runsMs: number[];
}

function start(query: BenchQuery): Started {
  return { query, statement: translate(BENCH_ORG, query, { count: COUNT }), runsMs: [] };
}

/** One warm-up each, then `runs` rounds of every query once. */
async function rounds(client: pg.Client, items: readonly Started[], runs: number): Promise<void> {
  for (const item of items) await client.query(item.statement.sql, item.statement.params);
  for (let round = 0; round < runs; round++) {
    for (const item of items) item.runsMs.push(await databaseMs(client, item.statement));
    console.log(`round ${round + 1}/${runs} (load ${loadNow()})`);
  }
}

async function finish(client: pg.Client, item: Started): Promise<Timed> {
  const result = await client.query<{ total_count: string | null; total_exact: boolean }>(
    item.statement.sql,
    item.statement.params,
  );
  const row = result.rows[0];
  const { query } = item;
  return {
    name: query.name,
    about: query.about,
    ...(query.search ? { search: query.search } : {}),
    ...(query.q ? { q: query.q } : {}),
    runsMs: item.runsMs.map(round),
    medianMs: round(median(item.runsMs)),
    totalCount: row?.total_count == null ? null : Number(row.total_count),
    totalExact: row?.total_exact ?? false,
  };
}

/** The words of 20,000 of the organization's contacts, computed, against reading the same rows alone. */
async function wordsCostPerRow(client: pg.Client): Promise<{ rows: number; microseconds: number }> {
  const rows = 20_000;
  const from = `FROM (SELECT * FROM contacts WHERE organization_id = $1 ORDER BY id LIMIT ${rows}) AS contact`;
  const words = `SELECT count(contact_search_vector(organization_id, name, email_address, info)) ${from}`;
  const plain = `SELECT count(info #> '{}') ${from}`;
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const withWords = await databaseMs(client, { sql: words, params: [BENCH_ORG] });
    const without = await databaseMs(client, { sql: plain, params: [BENCH_ORG] });
    samples.push(((withWords - without) * 1000) / rows);
  }
  return { rows, microseconds: median(samples) };
}

const round = (value: number) => Math.round(value * 100) / 100;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
