import type pg from "pg";
import { connect } from "./lib/pg.ts";
import { BENCH_ORG } from "./lib/query-set.ts";
import { median, ratio, startEnvironment, writeResults } from "./lib/results.ts";
import { printTable } from "./lib/table.ts";

/**
 * `npm run bench:storage`: what the storage of `info` costs a read — the
 * measurement behind migration 0006 (docs/operations.md, "Storage of info").
 * Copies the big organization's contacts into three scratch tables, one per
 * storage — Postgres' defaults (pglz, large documents compressed and moved to
 * TOAST: the table before migration 0006), kept in the row (`toast_tuple_target
 * = 8160`: the migration), and kept in the row with lz4 (which changes nothing
 * there: what is kept in the row is not compressed) — each with the same two
 * indexes, then times on each (EXPLAIN ANALYZE, TIMING OFF: execution time,
 * median of RUNS after a warm-up):
 *
 * - `recheck`: the ids of `any-opp-owner`'s first page (bench/lib/query-set.ts):
 *   its 1,745 GIN candidates each re-read to confirm the match, the top 21 by
 *   creation time;
 * - `render`: the text of the 1,000 newest documents, what a 1000-row page prints.
 *
 * Every document is rewritten (`info::text::jsonb`) so that each table
 * stores it its own way; the share of documents stored compressed is printed
 * (Postgres compresses a value only while the row exceeds the table's
 * `toast_tuple_target`, so in-the-row tables compress only documents over ~8 KB).
 * Drops the tables at the end. ~3 min here. Each storage's times are also stated
 * as ratios to those of the storage migration 0006 chose (in the row, pglz).
 * Writes bench/results/storage.json.
 */
const RUNS = Number(process.env.RUNS ?? 7);

/** `any-opp-owner`'s filter as the statement writes it: one containment, served by the GIN index. */
const ANY_OPP_OWNER = JSON.stringify({
  cosellPartnerMetrics: { accounts: [{ opportunities: [{ ownerEmail: "alan.turing@bench-big.example" }] }] },
});

const STORAGES = [
  { table: "storage_pglz_toast", about: "pglz, large documents in TOAST (before 0006)", options: "", lz4: false },
  {
    table: "storage_pglz_row",
    about: "pglz, in the row (migration 0006)",
    options: "WITH (toast_tuple_target = 8160)",
    lz4: false,
  },
  {
    table: "storage_lz4_row",
    about: "lz4, in the row",
    options: "WITH (toast_tuple_target = 8160)",
    lz4: true,
  },
] as const;
/** The storage migration 0006 chose: the other storages' times are stated as ratios to its. */
const CHOSEN = "storage_pglz_row";

async function main(): Promise<void> {
  const client = await connect();
  const run = startEnvironment();
  const rows: string[][] = [];
  const results = [];
  try {
    await client.query("SET jit = off");
    await client.query("SET maintenance_work_mem = '512MB'");
    for (const storage of STORAGES) {
      const started = performance.now();
      await build(client, storage);
      const seconds = (performance.now() - started) / 1000;
      const { rows: size } = await client.query<{ heap: string; total: string; compressed: string }>(
        `SELECT pg_table_size($1::regclass) AS heap, pg_total_relation_size($1::regclass) AS total,
           (SELECT round(100.0 * count(*) FILTER (WHERE pg_column_compression(info) IS NOT NULL) / count(*), 1)
              FROM ${storage.table}) AS compressed`,
        [storage.table],
      );
      const recheck = await executionMs(
        client,
        `SELECT id FROM ${storage.table} WHERE info @> $1::jsonb ORDER BY creation_time DESC, id COLLATE "C" LIMIT 21`,
        [ANY_OPP_OWNER],
      );
      const render = await executionMs(
        client,
        `SELECT sum(octet_length(info::text)) FROM (SELECT info FROM ${storage.table} ORDER BY creation_time DESC, id COLLATE "C" LIMIT 1000) AS page`,
        [],
      );
      const mb = (bytes: string | undefined) => (Number(bytes) / 2 ** 20).toFixed(0);
      const compressed = Number(size[0]?.compressed);
      rows.push([
        storage.about,
        String(compressed),
        mb(size[0]?.heap),
        mb(size[0]?.total),
        recheck.toFixed(1),
        render.toFixed(1),
      ]);
      results.push({
        ...storage,
        buildSeconds: seconds,
        compressedPercent: compressed,
        tableBytes: size[0]?.heap,
        totalBytes: size[0]?.total,
        recheck,
        render,
      });
      console.log(
        `${storage.table}: built in ${seconds.toFixed(0)} s, recheck ${recheck.toFixed(1)} ms, render ${render.toFixed(1)} ms`,
      );
      await client.query(`DROP TABLE ${storage.table}`);
    }
  } finally {
    for (const { table } of STORAGES) await client.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await client.end();
  }
  console.log();
  printTable(
    [
      "storage of info",
      "documents compressed %",
      "table MiB (with TOAST)",
      "with indexes MiB",
      "recheck ms",
      "render ms",
    ],
    rows,
  );
  const environment = run.finish();
  console.log(
    `\n${RUNS} runs per figure (median); load average ${environment.loadAverage.start} → ${environment.loadAverage.end}`,
  );
  const chosen = results.find((storage) => storage.table === CHOSEN);
  const storages = results.map((storage) => ({
    ...storage,
    ratio: { recheck: ratio(storage.recheck, chosen?.recheck), render: ratio(storage.render, chosen?.render) },
  }));
  console.log(
    `figures: ${writeResults("storage", { ...environment, runs: RUNS, floor: `the ${CHOSEN} table (migration 0006)`, storages }, ["RUNS"])}`,
  );
}

/** The organization's contacts in a fresh table of this storage, with a GIN index on `info` and the creation-time b-tree. */
async function build(client: pg.Client, storage: (typeof STORAGES)[number]): Promise<void> {
  // Table names and options are this script's constants, never input.
  await client.query(`DROP TABLE IF EXISTS ${storage.table}`);
  await client.query(`CREATE TABLE ${storage.table} (LIKE contacts INCLUDING DEFAULTS) ${storage.options}`);
  await client.query(`ALTER TABLE ${storage.table} ALTER COLUMN info SET COMPRESSION ${storage.lz4 ? "lz4" : "pglz"}`);
  await client.query(
    `INSERT INTO ${storage.table} SELECT id, organization_id, name, email_address, company_contact_id, creation_time,
       last_update_time, info::text::jsonb, tags FROM contacts WHERE organization_id = $1`,
    [BENCH_ORG],
  );
  await client.query(`CREATE INDEX ON ${storage.table} USING gin (info jsonb_path_ops)`);
  await client.query(`CREATE INDEX ON ${storage.table} (creation_time DESC, id COLLATE "C")`);
  await client.query(`VACUUM ANALYZE ${storage.table}`);
}

/** Median execution time of the statement (EXPLAIN ANALYZE, TIMING OFF), after one warm-up run. */
async function executionMs(client: pg.Client, sql: string, params: unknown[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const { rows } = await client.query<{ "QUERY PLAN": [{ "Execution Time": number }] }>(
      `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`,
      params,
    );
    if (i > 0) times.push(rows[0]?.["QUERY PLAN"][0]["Execution Time"] ?? Number.NaN);
  }
  return median(times);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
