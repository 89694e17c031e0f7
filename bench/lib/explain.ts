import { mkdirSync, writeFileSync } from "node:fs";
import type pg from "pg";

const RESULTS_DIR = new URL("../results/", import.meta.url);

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
 * The EXPLAIN (ANALYZE, BUFFERS) of a benchmark's statements, kept in one file
 * per benchmark, bench/results/<benchmark>.explain.txt (the latest run's, like
 * its JSON): each section headed `==== <name> ====`, then `about` (comment
 * lines), the statement, its parameters and its plan, for the docs to cite.
 */
export class PlanFile {
  private readonly sections: string[] = [];

  constructor(private readonly benchmark: string) {}

  /** Explains the statement (it runs once more) and keeps its section. */
  async add(
    client: pg.Client,
    name: string,
    about: readonly string[],
    statement: { sql: string; params: readonly unknown[] },
  ): Promise<void> {
    const plan = await explainText(client, statement.sql, statement.params);
    this.sections.push(
      `==== ${name} ====\n${about.map((line) => `-- ${line}`).join("\n")}\n\n${statement.sql}\n\n` +
        `-- params: ${JSON.stringify(statement.params)}\n\n${plan}\n`,
    );
  }

  /** Writes the file (replacing the previous run's); returns its path. */
  write(): string {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const url = new URL(`${this.benchmark}.explain.txt`, RESULTS_DIR);
    writeFileSync(url, this.sections.join("\n"));
    return url.pathname;
  }
}
