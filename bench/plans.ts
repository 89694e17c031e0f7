import { mkdirSync, writeFileSync } from "node:fs";
import type pg from "pg";
import { connect } from "./lib/pg.ts";
import { BENCH_ORG, selectQueries } from "./lib/query-set.ts";
import { printTable } from "./lib/table.ts";
import { translate } from "./lib/translate.ts";

/**
 * `npm run bench:plans`: runs each query of the fixed set (bench/lib/query-set.ts)
 * as the service would (same parse and SQL), RUNS times after one warm-up, and
 * prints the median wall time of the whole statement (page + exact count) with
 * the plan's shape; writes every EXPLAIN (ANALYZE, BUFFERS) to bench/results/plans/.
 * `npm run bench:plans -- name ...` runs only the named queries.
 */
const RUNS = Number(process.env.RUNS ?? 9);
const TARGET_MS = 20;
const OUT_DIR = new URL("./results/plans/", import.meta.url);

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

async function main(): Promise<void> {
  const client = await connect();
  mkdirSync(OUT_DIR, { recursive: true });
  const rows: string[][] = [];
  try {
    for (const query of selectQueries(process.argv.slice(2))) {
      const { sql, params } = translate(BENCH_ORG, query);
      await client.query(sql, params); // warm-up: caches, not the plan (each run is planned anew, as in the service)
      const times: number[] = [];
      let count = "";
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const result = await client.query<{ total_count: string }>(sql, params);
        times.push(performance.now() - started);
        count = String(result.rows[0]?.total_count ?? "");
      }
      const median = medianOf(times);
      const plan = await explain(client, sql, params);
      const nodes = summarize(plan);
      writeFileSync(
        new URL(`${query.name}.txt`, OUT_DIR),
        `-- ${query.name}: ${query.about}\n-- q: ${query.q ?? "(none)"}\n-- s: ${query.s ?? "(default)"}\n` +
          `-- page_size ${query.pageSize ?? 20}, page_number ${query.pageNumber ?? 1}\n\n${sql}\n\n` +
          `-- params: ${JSON.stringify(params)}\n\n${await explainText(client, sql, params)}\n`,
      );
      rows.push([
        query.name,
        median.toFixed(1),
        median < TARGET_MS ? "yes" : "NO",
        count,
        nodes.some((n) => /Index/.test(n)) ? "y" : "n",
        [...new Set(nodes)].join(", "),
      ]);
      console.log(`${query.name}: ${median.toFixed(1)} ms`);
    }
  } finally {
    await client.end();
  }
  printTable(["query", "median ms", `< ${TARGET_MS} ms`, "total_count", "index", "plan nodes"], rows);
}

async function explain(client: pg.Client, sql: string, params: unknown[]): Promise<PlanNode> {
  const result = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
    params,
  );
  const plan = result.rows[0]?.["QUERY PLAN"][0]?.Plan;
  if (!plan) throw new Error("EXPLAIN returned no plan");
  return plan;
}

async function explainText(client: pg.Client, sql: string, params: unknown[]): Promise<string> {
  const result = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
}

/** Scan nodes on contacts, e.g. "Bitmap Index Scan contacts_info_idx". */
function summarize(node: PlanNode, out: string[] = []): string[] {
  if (/Scan/.test(node["Node Type"]) && (node["Index Name"] || node["Relation Name"] === "contacts")) {
    out.push(node["Index Name"] ? `${node["Node Type"]} ${node["Index Name"]}` : node["Node Type"]);
  }
  for (const child of node.Plans ?? []) summarize(child, out);
  return out;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
