import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildFilter } from "../../src/query/build-filter.ts";
import { parseFacetQuery } from "../../src/query/facet-request.ts";
import type { FacetQuery } from "../../src/query/facets.ts";
import { fromJsonValue } from "../../src/query/json.ts";
import { type FacetOptions, facetsStatement } from "../../src/sql/facets.ts";
import { ALL_FIXTURES, GENERATED_ORG } from "../fixtures/contacts.ts";
import { referenceQuery } from "../reference/evaluate.ts";
import { filterArbitrary } from "../support/arbitraries.ts";
import { propertyRuns, withTestDatabase } from "../support/database.ts";
import { execute } from "../support/db-write.ts";

/**
 * `count=estimated` on the facets endpoint: exact whenever at most the bound
 * match (the same answer as `count=exact`); past it, when the sample is small
 * enough to be worth it, `exact` false, a total of at least bound + 1, and
 * counts drawn from the sample — while stats stay exact. The fixtures are
 * small, so the bound and the sample's size are set small here (the
 * statement's options), and the sample may be any share of the table.
 */
const RUNS = 150;
const PARAMS = {
  qs: "lisp" as const,
  facet: "info.partner,tags,info.cosellPartnerMetrics.accountCount",
  stats: "creation_time,info.cosellPartnerMetrics.successRate,info.enrichedContactInfo.creationTime",
  histogram: "creation_time:month,info.cosellPartnerMetrics.successRate:25",
  limit: 100,
};

type Row = Record<string, unknown>;

function parts(query: FacetQuery, row: Row | undefined) {
  const json = (name: string) => JSON.parse(String(row?.[name]));
  return {
    total: Number(row?.total_count),
    exact: row?.exact,
    facets: query.fields.map((_, i) => json(`facet_${i}`) as { value: unknown; count: number }[]),
    stats: (query.stats ?? []).map((_, i) => json(`stats_${i}`)),
    histograms: (query.histograms ?? []).map((_, i) => json(`histogram_${i}`) as { key: unknown; count: number }[]),
  };
}

describe("count=estimated on the facets statement", () => {
  it(`exact within the bound; past it estimated, stats still exact (${RUNS} random filters and bounds)`, async () => {
    let within = 0;
    let sampled = 0;
    await withTestDatabase(async (db) => {
      await fc.assert(
        fc.asyncProperty(
          fc.option(filterArbitrary, { nil: null, freq: 3 }),
          fc.integer({ min: 0, max: 120 }),
          fc.integer({ min: 5, max: 60 }),
          async (json, bound, sampleTarget) => {
            const filter = json === null ? null : buildFilter(fromJsonValue(json, "q"), "json");
            const truth = referenceQuery(ALL_FIXTURES, GENERATED_ORG, filter, []).length;
            const input = { ...PARAMS, ...(json === null ? {} : { q: json, qs: "json" as const }) };
            const exactQuery = parseFacetQuery(input);
            const estimatedQuery = parseFacetQuery({ ...input, count: "estimated" });
            const options: FacetOptions = { exactCountBound: bound, sampleTarget, maxSamplePercent: 100 };
            const [exactRow] = await db.rows<Row>(facetsStatement(GENERATED_ORG, exactQuery).toSql());
            const [estimatedRow] = await db.rows<Row>(facetsStatement(GENERATED_ORG, estimatedQuery, options).toSql());
            const exact = parts(exactQuery, exactRow);
            const estimated = parts(estimatedQuery, estimatedRow);
            expect(exact.total).toBe(truth);
            expect(exact.exact).toBe(true);
            // Stats are exact in every mode.
            expect(estimated.stats).toEqual(exact.stats);
            if (truth <= bound || estimated.exact === true) {
              expect(estimated).toEqual(exact);
              if (truth <= bound) within += 1;
              return;
            }
            sampled += 1;
            expect(estimated.exact).toBe(false);
            expect(estimated.total).toBeGreaterThan(bound);
            // Stats made the statement read every match: the total is the exact count.
            expect(estimated.total).toBe(truth);
            for (const [i, values] of estimated.facets.entries()) {
              const known = new Set(exact.facets[i]?.map(({ value }) => JSON.stringify(value)));
              for (const { value, count } of values) {
                expect(known.has(JSON.stringify(value))).toBe(true);
                expect(count).toBeGreaterThanOrEqual(1);
              }
            }
            for (const [i, buckets] of estimated.histograms.entries()) {
              const known = new Set(exact.histograms[i]?.map(({ key }) => JSON.stringify(key)));
              let sum = 0;
              for (const { key, count } of buckets) {
                expect(known.has(JSON.stringify(key))).toBe(true);
                sum += count;
              }
              // Scaled counts of a partition add up to the total, but for rounding.
              if (buckets.length > 0) expect(Math.abs(sum - estimated.total)).toBeLessThanOrEqual(buckets.length);
            }
          },
        ),
        propertyRuns(RUNS),
      );
    });
    expect(within).toBeGreaterThan(RUNS / 10);
    expect(sampled).toBeGreaterThan(RUNS / 10);
  }, 600_000);

  it("without stats, past the bound the total is the sample's, scaled, at least bound + 1", async () => {
    const query = parseFacetQuery({
      qs: "lisp",
      facet: "tags",
      histogram: "creation_time:year",
      limit: 100,
      count: "estimated",
    });
    const truth = referenceQuery(ALL_FIXTURES, GENERATED_ORG, null, []).length;
    await withTestDatabase(async (db) => {
      for (const sampleTarget of [5, 20, 60]) {
        const [row] = await db.rows<Row>(
          facetsStatement(GENERATED_ORG, query, { exactCountBound: 10, sampleTarget, maxSamplePercent: 100 }).toSql(),
        );
        const answer = parts(query, row);
        expect(answer.exact).toBe(false);
        expect(answer.total).toBeGreaterThanOrEqual(11);
        const sum = answer.histograms[0]?.reduce((total, { count }) => total + count, 0) ?? 0;
        expect(Math.abs(sum - answer.total)).toBeLessThanOrEqual(answer.histograms[0]?.length ?? 0);
      }
      // A sample larger than the limit on its share: the counts stay exact.
      const [row] = await db.rows<Row>(
        facetsStatement(GENERATED_ORG, query, { exactCountBound: 10, sampleTarget: 60, maxSamplePercent: 1 }).toSql(),
      );
      expect(parts(query, row)).toMatchObject({ exact: true, total: truth });
    });
  });

  it("reads what it needs once: within the bound the first rows, past it the sample only", async () => {
    const query = parseFacetQuery({
      qs: "lisp",
      facet: "info.partner",
      histogram: "creation_time:day",
      limit: 10,
      count: "estimated",
    });
    const scans = async (options: FacetOptions) => {
      const { sql, params } = facetsStatement(GENERATED_ORG, query, options).toQuery();
      const [row] = await execute(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
      const plan = (row?.["QUERY PLAN"] as { Plan: PlanNode }[])[0]?.Plan as PlanNode;
      const loops = (name: string) => tableLoops(cte(plan, name));
      return { head: loops("head"), matching: loops("matching"), sampled: loops("sampled") };
    };
    // Past the bound by the organization's count alone (no filter): not even the first rows are read.
    const past = await scans({ exactCountBound: 10, sampleTarget: 20, maxSamplePercent: 100 });
    expect(past).toMatchObject({ head: 0, matching: 0 });
    expect(past.sampled).toBeGreaterThan(0);
    const within = await scans({ exactCountBound: 10_000 });
    expect(within).toMatchObject({ matching: 0, sampled: 0 });
    expect(within.head).toBeGreaterThan(0);
  });
});

interface PlanNode {
  "Node Type": string;
  "Subplan Name"?: string;
  "Relation Name"?: string;
  "Actual Loops": number;
  Plans?: PlanNode[];
}

/** The plan of `WITH <name> AS (…)`. */
function cte(plan: PlanNode, name: string): PlanNode {
  const search = (node: PlanNode): PlanNode | undefined =>
    node["Subplan Name"] === `CTE ${name}` ? node : (node.Plans ?? []).map(search).find(Boolean);
  const found = search(plan);
  if (!found) throw new Error(`no CTE ${name} in the plan`);
  return found;
}

/** How many times the subtree scanned the contacts table. */
function tableLoops(node: PlanNode): number {
  const own = node["Relation Name"] === "contacts" ? node["Actual Loops"] : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + tableLoops(child), 0);
}
