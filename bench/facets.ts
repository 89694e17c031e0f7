import pg from "pg";
import { parseFacetFields } from "../src/query/facets.ts";
import { parseContactQuery, parseFilter } from "../src/query/parse-query.ts";
import { facetsStatement } from "../src/sql/facets.ts";
import { pageStatement } from "../src/sql/page.ts";
import { writePlan } from "./lib/explain.ts";
import { benchDatabaseUrl } from "./lib/pg.ts";
import { BENCH_ORG } from "./lib/query-set.ts";
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
 * Writes the facets statements' EXPLAIN (ANALYZE, BUFFERS) to
 * bench/results/plans/facets-whole.txt and facets-selective.txt.
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

async function main(): Promise<void> {
  const client = new pg.Client({ connectionString: benchDatabaseUrl() });
  await client.connect();
  const rows: string[][] = [];
  try {
    const fields = parseFacetFields(FIELDS);
    for (const [name, q, goal, plan] of [
      ["5 facets, whole organization", "", 300, "facets-whole"],
      ["5 facets, selective filter", SELECTIVE, 50, "facets-selective"],
    ] as const) {
      const statement = facetsStatement(BENCH_ORG, { filter: parseFilter(q, "lisp"), fields, limit: 10 }).toQuery();
      const { median, min, row } = await timed(client, statement);
      await writePlan(client, plan, [`${name}: ${FIELDS}`, `q: ${q || "(none)"}`], statement);
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
    }
    printTable(
      ["1000-row page (newest first, count=none)", "data bytes", "bytes/contact", "median ms", "min ms"],
      pages,
    );
    console.log(`\nmedian of ${RUNS} runs after one warm-up, through pg (database time plus one local round trip)`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
