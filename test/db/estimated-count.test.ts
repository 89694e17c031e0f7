import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withDatabase } from "../../src/db/client.ts";
import { settingsFrom } from "../../src/env.ts";
import { buildFilter } from "../../src/query/build-filter.ts";
import { fromJsonValue } from "../../src/query/json.ts";
import { parseSimpleSort } from "../../src/query/sort.ts";
import { pageStatement } from "../../src/sql/page.ts";
import { ALL_FIXTURES, GENERATED_ORG } from "../fixtures/contacts.ts";
import { referenceQuery } from "../reference/evaluate.ts";
import { filterArbitrary } from "../support/arbitraries.ts";
import { testEnv as env } from "../support/env.ts";

/**
 * `count=estimated` is exact whenever at most the bound match, and above the
 * bound says so (never below bound + 1, `total_exact` false) — with the column
 * lower bound (src/sql/count-bound.ts) taking its shortcut or not. The fixtures
 * are small, so the bound is set small here (the statement's `exactCountBound`).
 */
const RUNS = Math.ceil(Number(env.DIFFERENTIAL_RUNS ?? 3000) / 10);

describe("count=estimated against the reference evaluator", () => {
  it(`is exact up to the bound and above it past it, on ${RUNS} random filters and bounds`, async () => {
    let exact = 0;
    let estimated = 0;
    await withDatabase(
      env,
      settingsFrom(env),
      () => undefined,
      async (db) => {
        await fc.assert(
          fc.asyncProperty(filterArbitrary, fc.integer({ min: 0, max: 120 }), async (json, bound) => {
            const filter = buildFilter(fromJsonValue(json, "q"), "json");
            const query = {
              filter,
              sort: parseSimpleSort("id"),
              pageSize: 5,
              pageNumber: 1,
              count: "estimated" as const,
            };
            const truth = referenceQuery(ALL_FIXTURES, GENERATED_ORG, filter, query.sort).length;
            const [row] = await db.rows<{ total_count: string; total_exact: boolean }>(
              pageStatement(GENERATED_ORG, query, { exactCountBound: bound }).toSql(),
            );
            if (truth <= bound) {
              expect({ total: Number(row?.total_count), exact: row?.total_exact }).toEqual({
                total: truth,
                exact: true,
              });
              exact += 1;
            } else {
              expect(row?.total_exact).toBe(false);
              expect(Number(row?.total_count)).toBeGreaterThan(bound);
              estimated += 1;
            }
          }),
          { numRuns: RUNS, seed: Number(env.DIFFERENTIAL_SEED ?? Date.now() % 100000) },
        );
      },
    );
    // Both sides of the bound were exercised.
    expect(exact).toBeGreaterThan(RUNS / 10);
    expect(estimated).toBeGreaterThan(RUNS / 10);
  }, 600_000);
});
