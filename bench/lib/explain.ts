import { mkdirSync, writeFileSync } from "node:fs";
import type pg from "pg";

const PLANS_DIR = new URL("../results/plans/", import.meta.url);

/** The statement's EXPLAIN (ANALYZE, BUFFERS) as text: it runs the statement once more. */
export async function explainText(client: pg.Client, sql: string, params: readonly unknown[]): Promise<string> {
  const result = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [...params]);
  return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
}

/**
 * The statement's time in the database: planning plus execution, as
 * EXPLAIN (ANALYZE, TIMING OFF) reports them (it runs the statement once more;
 * TIMING OFF: no clock read per row).
 */
export async function databaseMs(client: pg.Client, statement: { sql: string; params: readonly unknown[] }) {
  const result = await client.query<{ "QUERY PLAN": { "Planning Time": number; "Execution Time": number }[] }>(
    `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${statement.sql}`,
    [...statement.params],
  );
  const plan = result.rows[0]?.["QUERY PLAN"][0];
  if (!plan) throw new Error("EXPLAIN returned no plan");
  return plan["Planning Time"] + plan["Execution Time"];
}

/**
 * Writes bench/results/plans/<name>.txt: `about` (comment lines), the statement,
 * its parameters and its EXPLAIN (ANALYZE, BUFFERS), for the docs to cite.
 */
export async function writePlan(
  client: pg.Client,
  name: string,
  about: readonly string[],
  statement: { sql: string; params: readonly unknown[] },
): Promise<void> {
  const plan = await explainText(client, statement.sql, statement.params);
  mkdirSync(PLANS_DIR, { recursive: true });
  writeFileSync(
    new URL(`${name}.txt`, PLANS_DIR),
    `${about.map((line) => `-- ${line}`).join("\n")}\n\n${statement.sql}\n\n` +
      `-- params: ${JSON.stringify(statement.params)}\n\n${plan}\n`,
  );
}
