import type pg from "pg";
import { parseFacetQuery } from "../src/query/facet-request.ts";
import type { FacetQuery } from "../src/query/facets.ts";
import { parseContactQuery } from "../src/query/parse-query.ts";
import { MAX_SAMPLE_PERCENT, SAMPLE_TARGET } from "../src/sql/facet-sample.ts";
import { type FacetOptions, facetsStatement } from "../src/sql/facets.ts";
import { pageStatement } from "../src/sql/page.ts";
import { PlanFile } from "./lib/explain.ts";
import { ACCURACY_FILTERS, measureAccuracy } from "./lib/facet-accuracy.ts";
import { type FloorTimer, pageFloor, rowsFloor } from "./lib/floor.ts";
import { connect } from "./lib/pg.ts";
import { BENCH_ORG } from "./lib/query-set.ts";
import { median, ratio, startEnvironment, times, writeResults } from "./lib/results.ts";
import { printTable } from "./lib/table.ts";

/**
 * `npm run bench:facets`: database time of the facets statement
 * (src/sql/facets.ts, exactly as the service writes it) on the 1M-contact
 * database (docs/performance.md "Setup"). Each figure is the median of RUNS
 * after one warm-up run; a goal that is a ratio is measured with both sides
 * interleaved (A, B, A, B, …) in the same run, so the machine's load weighs
 * on both alike. Sections:
 *
 * 1. five facets over the whole 600k organization (goal < 300 ms) and over a
 *    selective filter (goal < 50 ms);
 * 2. `count=estimated` against `count=exact`, five facets, whole organization
 *    (goal: at least 20× faster);
 * 3. accuracy of `count=estimated` over 20 filters matching > 10,000: per
 *    filter the worst relative error among facet values and histogram buckets
 *    holding ≥ 1% of the matches (goal: ≤ 10%); with SEEDS > 1, the same with
 *    the sample drawn from SEEDS seeds, to show the spread the fixed seed hides;
 * 4. five facets + three stats + two histograms against the five facets
 *    alone, selective filter (goal: at most 1.2×);
 * 5. `histogram=creation_time:month` over the whole organization, exact,
 *    against a raw `count(*) … GROUP BY date_trunc('month', …)` (goal: at most 1.5×);
 * 6. stats on `info` numbers over the whole organization, `count=estimated`
 *    and `count=exact` (figures only);
 * 7. a 1000-row page, whole contacts against `fields=`.
 *
 * Floors (bench/lib/floor.ts), timed before their case and again at the end
 * of the run: for the five facets of section 1, the matching rows read once
 * (`count(info)` with the same WHERE); for the pages of section 7, a minimal
 * index scan for a page of 1000.
 *
 * Environment: DATABASE_URL (required), RUNS (5; 8× as many for section 4), SEEDS (1), SAMPLE_TARGET
 * (the statement's, to explore others). Writes bench/results/facets.json and
 * the plans to bench/results/facets.explain.txt.
 */
const RUNS = Number(process.env.RUNS ?? 5);
const SEEDS = Number(process.env.SEEDS ?? 1);
const OPTIONS: FacetOptions = process.env.SAMPLE_TARGET ? { sampleTarget: Number(process.env.SAMPLE_TARGET) } : {};
const FIVE_FACETS =
  "info.partner,tags,info.enrichedContactInfo.status,info.cosellPartnerMetrics.industries,info.enrichedContactInfo.info.isPrimary";
const THREE_STATS = "info.cosellPartnerMetrics.successRate,info.cosellPartnerMetrics.pipeline.USD,creation_time";
const TWO_HISTOGRAMS = "creation_time:month,info.cosellPartnerMetrics.successRate:10";
/** `tags-has` of the query set: ~1.6% of the organization. */
const SELECTIVE = '(has tags "do-not-contact")';

type Statement = { sql: string; params: unknown[] };
type Row = Record<string, unknown>;

function statement(input: Record<string, unknown>, options: FacetOptions = OPTIONS): Statement {
  return facetsStatement(BENCH_ORG, request(input), options).toQuery();
}

function request(input: Record<string, unknown>): FacetQuery {
  return parseFacetQuery({ qs: "lisp", limit: 10, ...input });
}

/** Times each statement `runs` times, interleaved, after one warm-up each: medians in ms, and each one's last row. */
async function timedTogether(client: pg.Client, statements: readonly Statement[], runs = RUNS) {
  const times = statements.map(() => [] as number[]);
  const rows: Row[] = [];
  for (const s of statements) await client.query(s.sql, s.params);
  for (let run = 0; run < runs; run++) {
    for (const [i, s] of statements.entries()) {
      const started = performance.now();
      const result = await client.query(s.sql, s.params);
      times[i]?.push(performance.now() - started);
      rows[i] = result.rows[0] as Row;
    }
  }
  return times.map((t, i) => ({ median: median(t), min: Math.min(...t), row: rows[i] as Row }));
}

const ms = (value: number) => value.toFixed(1);

/** A figure and its floor: the floor's samples are taken before the case and again at the end of the run. */
interface Floored {
  record: { name: string; medianMs: number; floor?: ReturnType<FloorTimer["result"]>; ratio?: number };
  floor: FloorTimer;
}
const met = (ok: boolean) => (ok ? "yes" : "NO");

async function main(): Promise<void> {
  const client = await connect();
  const environment = startEnvironment();
  const figures: Record<string, unknown> = {
    runs: RUNS,
    fields: FIVE_FACETS,
    sampleTarget: OPTIONS.sampleTarget ?? SAMPLE_TARGET,
  };
  const plans = new PlanFile("facets");
  const floored: Floored[] = [];
  try {
    // 1. Five facets, exact.
    const facetRows: string[][] = [];
    const facets: Record<string, unknown>[] = [];
    for (const [name, q, plan, goalMs] of [
      ["5 facets, whole organization", "", "facets-whole", 300],
      ["5 facets, selective filter", SELECTIVE, "facets-selective", 50],
    ] as const) {
      const s = statement({ facet: FIVE_FACETS, q });
      const floor = rowsFloor(BENCH_ORG, request({ facet: FIVE_FACETS, q }).filter, { runs: RUNS });
      await floor.sample(client);
      const [result] = await timedTogether(client, [s]);
      await plans.add(client, plan, [`${name}: ${FIVE_FACETS}`, `q: ${q || "(none)"}`], s);
      facetRows.push([name, String(result?.row.total_count), ms(result?.median ?? 0), ms(result?.min ?? 0)]);
      const record = {
        name,
        q,
        matches: Number(result?.row.total_count),
        medianMs: result?.median ?? 0,
        minMs: result?.min ?? 0,
        goalMs,
      };
      facets.push(record);
      floored.push({ record, floor });
    }
    printTable(["5 facets, count=exact", "matches", "median ms", "min ms"], facetRows);
    figures.facets = facets;

    // 2. Estimated against exact, whole organization.
    const exactWhole = statement({ facet: FIVE_FACETS });
    const estimatedWhole = statement({ facet: FIVE_FACETS, count: "estimated" });
    const [exact, estimated] = await timedTogether(client, [exactWhole, estimatedWhole]);
    await plans.add(
      client,
      "facets-estimated-whole",
      [`5 facets, whole organization, count=estimated`],
      estimatedWhole,
    );
    const speedup = (exact?.median ?? 0) / (estimated?.median ?? 1);
    printTable(
      ["5 facets, whole organization (600k)", "count=exact ms", "count=estimated ms", "speed-up", "goal", "met"],
      [
        [
          `exact: ${exact?.row.exact}, estimated: ${estimated?.row.exact}`,
          ms(exact?.median ?? 0),
          ms(estimated?.median ?? 0),
          `${speedup.toFixed(1)}×`,
          "≥ 20×",
          met(speedup >= 20),
        ],
      ],
    );
    figures.estimated = { exactMs: exact?.median, estimatedMs: estimated?.median, speedup };

    // 3. Accuracy over 20 filters.
    const accuracy = await measureAccuracy(client, BENCH_ORG, {
      filters: ACCURACY_FILTERS,
      seeds: SEEDS,
      options: OPTIONS,
    });
    const worstOverall = Math.max(...accuracy.map((r) => r.worst));
    printTable(
      [
        "filter",
        "matches",
        "answer",
        "estimated total",
        "values ≥ 1%",
        "worst error",
        "where",
        ...(SEEDS > 1 ? [`worst of ${SEEDS} seeds`] : []),
        "exact ms",
        "estimated ms",
      ],
      accuracy.map((r) => [
        r.q || "(none)",
        String(r.matches),
        r.exact ? "exact" : "estimated",
        String(r.estimatedTotal),
        String(r.checked),
        `${(100 * r.worst).toFixed(1)}%`,
        r.where,
        ...(SEEDS > 1 ? [`${(100 * r.worstOfSeeds).toFixed(1)}%`] : []),
        ms(r.exactMs),
        ms(r.estimatedMs),
      ]),
    );
    console.log(
      `\nworst error over the ${ACCURACY_FILTERS.length} filters: ${(100 * worstOverall).toFixed(1)}% (goal ≤ 10%: ${met(worstOverall <= 0.1)}); ` +
        `${accuracy.filter((r) => !r.exact).length} of them estimated, the others exact (sample over ${MAX_SAMPLE_PERCENT}% of the matches)`,
    );
    figures.accuracy = { filters: accuracy, worst: worstOverall, seeds: SEEDS };

    // 4. Facets + stats + histograms against facets alone, selective filter (tens of ms: more runs, less noise).
    const [alone, together] = await timedTogether(
      client,
      [
        statement({ facet: FIVE_FACETS, q: SELECTIVE }),
        statement({ facet: FIVE_FACETS, stats: THREE_STATS, histogram: TWO_HISTOGRAMS, q: SELECTIVE }),
      ],
      RUNS * 8,
    );
    await plans.add(
      client,
      "facets-stats-histograms-selective",
      [`facet=${FIVE_FACETS}`, `stats=${THREE_STATS}`, `histogram=${TWO_HISTOGRAMS}`, `q: ${SELECTIVE}`],
      statement({ facet: FIVE_FACETS, stats: THREE_STATS, histogram: TWO_HISTOGRAMS, q: SELECTIVE }),
    );
    const extra = (together?.median ?? 0) / (alone?.median ?? 1);
    printTable(
      ["selective filter (~10k)", "5 facets ms", "+ 3 stats + 2 histograms ms", "ratio", "goal", "met"],
      [
        [
          SELECTIVE,
          ms(alone?.median ?? 0),
          ms(together?.median ?? 0),
          `${extra.toFixed(2)}×`,
          "≤ 1.2×",
          met(extra <= 1.2),
        ],
      ],
    );
    figures.together = { aloneMs: alone?.median, togetherMs: together?.median, ratio: extra };

    // 5. A monthly histogram of creation_time against the raw GROUP BY over the organization's index.
    const raw: Statement = {
      sql: `SELECT date_trunc('month', creation_time AT TIME ZONE 'UTC') AS month, count(*) FROM contacts WHERE organization_id = $1 GROUP BY 1 ORDER BY 1`,
      params: [BENCH_ORG],
    };
    const histogram = statement({ histogram: "creation_time:month" });
    const [bare, ours] = await timedTogether(client, [raw, histogram]);
    await plans.add(client, "facets-histogram-month", ["histogram=creation_time:month, whole organization"], histogram);
    const overhead = (ours?.median ?? 0) / (bare?.median ?? 1);
    printTable(
      ["creation_time by month, whole organization", "raw GROUP BY ms", "histogram ms", "ratio", "goal", "met"],
      [
        [
          "exact",
          ms(bare?.median ?? 0),
          ms(ours?.median ?? 0),
          `${overhead.toFixed(2)}×`,
          "≤ 1.5×",
          met(overhead <= 1.5),
        ],
      ],
    );
    figures.histogram = { rawMs: bare?.median, histogramMs: ours?.median, ratio: overhead };

    // 6. Stats on info numbers, whole organization.
    const numbers =
      "info.cosellPartnerMetrics.successRate,info.cosellPartnerMetrics.pipeline.USD,info.cosellPartnerMetrics.closedWonCount";
    const [statsExact, statsEstimated, statsWithFacets, statsWithFacetsEstimated] = await timedTogether(client, [
      statement({ stats: numbers }),
      statement({ stats: numbers, count: "estimated" }),
      statement({ stats: numbers, facet: FIVE_FACETS }),
      statement({ stats: numbers, facet: FIVE_FACETS, count: "estimated" }),
    ]);
    printTable(
      ["stats on 3 info numbers, whole organization", "count=exact ms", "count=estimated ms"],
      [
        ["stats alone", ms(statsExact?.median ?? 0), ms(statsEstimated?.median ?? 0)],
        ["stats + 5 facets", ms(statsWithFacets?.median ?? 0), ms(statsWithFacetsEstimated?.median ?? 0)],
      ],
    );
    figures.stats = {
      aloneExactMs: statsExact?.median,
      aloneEstimatedMs: statsEstimated?.median,
      withFacetsExactMs: statsWithFacets?.median,
      withFacetsEstimatedMs: statsWithFacetsEstimated?.median,
    };

    // 7. Projections.
    const pageFloorTimer = pageFloor(BENCH_ORG, 1000);
    await pageFloorTimer.sample(client);
    const pages: string[][] = [];
    const pageResults: Record<string, unknown>[] = [];
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
      const [result] = await timedTogether(client, [pageStatement(BENCH_ORG, query).toQuery()]);
      const bytes = Buffer.byteLength(String(result?.row.data ?? ""));
      pages.push([name, String(bytes), (bytes / 1000).toFixed(0), ms(result?.median ?? 0), ms(result?.min ?? 0)]);
      const record = { name, fields: fieldsParam ?? null, dataBytes: bytes, medianMs: result?.median ?? 0 };
      pageResults.push(record);
      floored.push({ record, floor: pageFloorTimer });
    }
    figures.pages = pageResults;
    printTable(
      ["1000-row page (newest first, count=none)", "data bytes", "bytes/contact", "median ms", "min ms"],
      pages,
    );
    console.log(
      `\nmedian of ${RUNS} runs after one warm-up, through pg (database time plus one local round trip); ` +
        `sample target ${OPTIONS.sampleTarget ?? SAMPLE_TARGET} matches, at most ${MAX_SAMPLE_PERCENT}% of the table`,
    );
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
      record.name,
      record.medianMs.toFixed(1),
      record.floor?.about ?? "-",
      record.floor?.medianMs.toFixed(2) ?? "-",
      times(record.ratio ?? Number.NaN),
    ]),
  );
  const file = writeResults("facets", { ...environment.finish(), ...figures }, ["RUNS", "SEEDS", "SAMPLE_TARGET"]);
  console.log(`figures: ${file}; plans: ${plans.write()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
