import { MAX_SAMPLE_PERCENT, SAMPLE_TARGET } from "../src/sql/facet-sample.ts";
import { ACCURACY_FILTERS, measureAccuracy } from "./lib/facet-accuracy.ts";
import { connect } from "./lib/pg.ts";
import { BENCH_ORG } from "./lib/query-set.ts";
import { startEnvironment, writeResults } from "./lib/results.ts";
import { printTable } from "./lib/table.ts";

/**
 * `npm run bench:facet-accuracy`: how the estimate of `count=estimated`
 * spreads with the sample's size and kind — the figures behind
 * docs/decisions/0015-estimated-facets.md. For each sampling method (rows:
 * BERNOULLI, the service's; blocks: SYSTEM) and each sample target, the first
 * FILTERS accuracy filters are answered exactly once and estimated SEEDS
 * times (seed 0 is the service's), and the worst error among the values
 * holding ≥ 1% of the matches is printed per filter.
 *
 * Environment: DATABASE_URL (required), ORG (the 600k organization),
 * FILTERS (6: those large enough to be sampled), SEEDS (10), TARGETS
 * (`20000,60000,100000`), METHODS (`bernoulli,system`), HISTOGRAMS (the
 * benchmark's; a copy of the organization stored in `creation_time` order
 * shows what block sampling does to `creation_time:month`), RESULTS (the
 * results file's name, `facet-accuracy`). Writes bench/results/<RESULTS>.json.
 */
const ORG = process.env.ORG ?? BENCH_ORG;
const FILTERS = ACCURACY_FILTERS.slice(0, Number(process.env.FILTERS ?? 6));
const SEEDS = Number(process.env.SEEDS ?? 10);
const TARGETS = (process.env.TARGETS ?? `20000,60000,${SAMPLE_TARGET}`).split(",").map(Number);
const RESULTS = process.env.RESULTS ?? "facet-accuracy";
const METHODS = (process.env.METHODS ?? "bernoulli,system").split(",") as ("bernoulli" | "system")[];

async function main(): Promise<void> {
  const client = await connect();
  const environment = startEnvironment();
  const runs: unknown[] = [];
  try {
    for (const method of METHODS) {
      for (const target of TARGETS) {
        const results = await measureAccuracy(client, ORG, {
          filters: FILTERS,
          seeds: SEEDS,
          options: { sampleTarget: target, sampleMethod: method },
          ...(process.env.HISTOGRAMS ? { histograms: process.env.HISTOGRAMS } : {}),
        });
        const held = results.reduce((sum, r) => sum + r.held, 0);
        printTable(
          [
            `${method}, ${target} matches drawn`,
            "matches",
            "answer",
            `worst of ${SEEDS} seeds`,
            "median worst",
            "seed 0",
            "exact ms",
            "estimated ms (median)",
          ],
          results.map((r) => [
            r.q || "(none)",
            String(r.matches),
            r.exact ? "exact" : "estimated",
            `${(100 * r.worstOfSeeds).toFixed(1)}%`,
            `${(100 * r.medianOfSeeds).toFixed(1)}%`,
            `${(100 * r.worst).toFixed(1)}%`,
            r.exactMs.toFixed(0),
            r.estimatedMs.toFixed(0),
          ]),
        );
        console.log(`±10% held in ${held} of ${results.length * SEEDS} (filter, seed) draws`);
        runs.push({ method, target, held, draws: results.length * SEEDS, results });
      }
    }
    console.log(`\nat most ${MAX_SAMPLE_PERCENT}% of the matches are sampled; above that the answer is exact`);
    console.log(
      `figures: ${writeResults(RESULTS, { ...environment.finish(), organization: ORG, seeds: SEEDS, runs })}`,
    );
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
