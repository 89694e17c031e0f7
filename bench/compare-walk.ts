import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type pg from "pg";
import type { Cursor } from "../src/query/ast.ts";
import { databaseMs } from "./lib/explain.ts";
import { connect } from "./lib/pg.ts";
import { BENCH_ORG, WALKS } from "./lib/query-set.ts";
import { loadNow, median, percentile } from "./lib/results.ts";
import { printTable } from "./lib/table.ts";
import { cursorOf, translate } from "./lib/translate.ts";

/**
 * `npm run bench:compare-walk -- <commit>`: the default walk's page statements
 * (all 600,000 contacts of the big organization by keyset pages of 1000,
 * `count=none`, as `bench:walk` runs them) as another commit writes them
 * against this tree's, on the same pages, interleaved: on a shared machine
 * whose speed drifts by a third within minutes, two runs of `bench:walk` do
 * not compare, two statements timed side by side do.
 *
 * Every STEP-th page (10 by default), each statement runs ROUNDS times (2)
 * alternately, timed in the database (planning + execution, EXPLAIN (ANALYZE,
 * TIMING OFF)) and as a round trip through `pg`. The other commit is checked
 * out in a temporary worktree, sharing this tree's node_modules.
 */
const STEP = Number(process.env.STEP ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const PAGE_SIZE = 1000;
const TARGET_MS = 20;

type Statement = { sql: string; params: unknown[] };

async function roundTripMs(client: pg.Client, statement: Statement): Promise<number> {
  const started = performance.now();
  await client.query(statement.sql, statement.params);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const commit = process.argv[2];
  if (!commit) {
    console.error("usage: npm run bench:compare-walk -- <commit>");
    process.exit(2);
  }
  const root = new URL("..", import.meta.url).pathname;
  const worktree = mkdtempSync(join(tmpdir(), "compare-walk-"));
  execFileSync("git", ["-C", root, "worktree", "add", "--detach", worktree, commit], { stdio: "ignore" });
  symlinkSync(join(root, "node_modules"), join(worktree, "node_modules"));
  const client = await connect();
  try {
    const other = ((await import(join(worktree, "bench/lib/translate.ts"))) as { translate: typeof translate })
      .translate;
    const times = {
      other: { db: [] as number[], trip: [] as number[] },
      here: { db: [] as number[], trip: [] as number[] },
    };
    const query = { ...WALKS.default, pageSize: PAGE_SIZE };
    const loadStart = loadNow();
    let after: Cursor | undefined;
    let page = 1;
    for (; ; page++) {
      const request = { ...query, pageNumber: page };
      const here = translate(BENCH_ORG, request, { count: "none", after });
      if (page % STEP === 1 || STEP === 1) {
        const theirs = other(BENCH_ORG, request, { count: "none", after });
        for (let round = 0; round < ROUNDS; round++) {
          times.other.db.push(await databaseMs(client, theirs));
          times.here.db.push(await databaseMs(client, here));
          times.other.trip.push(await roundTripMs(client, theirs));
          times.here.trip.push(await roundTripMs(client, here));
        }
      }
      const result = await client.query<{ next_keys: string | null }>(here.sql, here.params);
      const nextKeys = result.rows[0]?.next_keys;
      if (!nextKeys) break;
      after = cursorOf(nextKeys);
    }
    console.log(
      `default walk: ${page} pages of ${PAGE_SIZE}; every ${STEP}th page, ${ROUNDS} rounds each, interleaved`,
    );
    const row = (label: string, series: { db: number[]; trip: number[] }) => [
      label,
      median(series.db).toFixed(1),
      percentile(series.db, 90).toFixed(1),
      String(series.db.filter((ms) => ms >= TARGET_MS).length),
      median(series.trip).toFixed(1),
    ];
    printTable(
      ["statements of", "in the database: median ms", "p90 ms", `samples ≥ ${TARGET_MS} ms`, "round trip: median ms"],
      [row(commit, times.other), row("this tree", times.here)],
    );
    console.log(`${times.here.db.length} samples each; load average ${loadStart} → ${loadNow()}`);
  } finally {
    await client.end();
    execFileSync("git", ["-C", root, "worktree", "remove", "--force", worktree], { stdio: "ignore" });
    rmSync(worktree, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
