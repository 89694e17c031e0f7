import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { CALENDAR_INTERVALS, parseHistograms } from "../src/query/histograms.ts";
import { parseFilter } from "../src/query/parse-query.ts";
import { measurableNames, parseStatsFields } from "../src/query/stats.ts";
import { facetsStatement } from "../src/sql/facets.ts";
import { ALL_FIXTURES, type FixtureContact, GENERATED_ORG } from "./fixtures/contacts.ts";
import { measureContacts } from "./fixtures/measures.ts";
import { referenceQuery } from "./reference/evaluate.ts";
import { referenceHistogram, referenceStats } from "./reference/measures.ts";
import { filterArbitrary } from "./support/arbitraries.ts";
import { DIFFERENTIAL_RUNS, propertyRuns, withTestDatabase } from "./support/database.ts";
import { scratchOrganization } from "./support/db-write.ts";
import { parseExactJson } from "./support/exact-json.ts";
import { insertFixtureContacts } from "./support/insert-contacts.ts";

/**
 * Stats and histograms against the reference (test/reference/measures.ts), on
 * two organizations: the generated fixtures (awkward values of every
 * documented path) and contacts whose every value sits on a calendar or
 * number edge (test/fixtures/measures.ts). Every stats field and every
 * interval without a filter, then random requests with random filters. Numbers
 * are compared as the answer writes them (decimal text), not as floats.
 */
const RUNS = Math.max(30, Math.ceil(DIFFERENTIAL_RUNS / 10));

/** Every field stats and histograms take, canonical, with more map keys than the example one. */
const MEASURED = [
  ...new Set(
    [
      ...measurableNames(),
      "info.cosellPartnerMetrics.pipeline.EUR",
      "info.cosellPartnerMetrics.pipeline.GBP",
      "info.cosellPartnerMetrics.closedWonAmount.EUR",
    ].map((name) => parseStatsFields(name)[0]?.field.name as string),
  ),
];
const WIDTHS = ["1", "10", "0.1", "0.25", "12.5", "3", "1000", "1e-7", "0.000000001", "1e15"];

let measuresOrg = "";
let measures: FixtureContact[] = [];

beforeAll(async () => {
  measuresOrg = (await scratchOrganization("measures")).organizationId;
  measures = measureContacts(measuresOrg);
  await insertFixtureContacts(measures);
});

function contactsOf(organizationId: string): readonly FixtureContact[] {
  return organizationId === GENERATED_ORG ? ALL_FIXTURES : measures;
}

interface Request {
  organizationId: string;
  filter: unknown;
  stats: readonly string[];
  histograms: readonly string[];
}

/** Runs the facets statement for stats and histograms and checks every part against the reference. */
async function check(db: Parameters<Parameters<typeof withTestDatabase>[0]>[0], request: Request): Promise<number> {
  const filter = request.filter === null ? null : parseFilter(request.filter, "json");
  const stats = request.stats.length ? parseStatsFields(request.stats.join(",")) : [];
  const histograms = request.histograms.length ? parseHistograms(request.histograms.join(",")) : [];
  const statement = facetsStatement(request.organizationId, { filter, fields: [], limit: 10, stats, histograms });
  const [row] = await db.rows<Record<string, string>>(statement.toSql());
  const matching = referenceQuery(contactsOf(request.organizationId), request.organizationId, filter, []);
  const where = JSON.stringify(request);
  expect(Number(row?.total_count), where).toBe(matching.length);
  expect(row?.exact, where).toBe(true);
  stats.forEach(({ field }, i) => {
    const expected = referenceStats(matching, field);
    expect(parseExactJson(row?.[`stats_${i}`] ?? "null"), `${where}: stats ${field.name}`).toEqual({
      ...expected,
      count: String(expected.count),
    });
  });
  histograms.forEach(({ field, interval, key }, i) => {
    expect(parseExactJson(row?.[`histogram_${i}`] ?? "null"), `${where}: histogram ${key}`).toEqual(
      referenceHistogram(matching, field, interval).map(({ key, count }) => ({ key, count: String(count) })),
    );
  });
  return matching.length;
}

function intervalsOf(name: string): string[] {
  const [measured] = parseStatsFields(name);
  return measured?.kind === "timestamp" ? [...CALENDAR_INTERVALS] : WIDTHS;
}

describe("differential: stats and histograms vs the reference", () => {
  it("every stats field, and every interval of every field, over each organization", async () => {
    await withTestDatabase(async (db) => {
      for (const organizationId of [measuresOrg, GENERATED_ORG]) {
        for (let at = 0; at < MEASURED.length; at += 5) {
          await check(db, { organizationId, filter: null, stats: MEASURED.slice(at, at + 5), histograms: [] });
        }
        for (const name of MEASURED) {
          const all = intervalsOf(name).map((interval) => `${name}:${interval}`);
          for (let at = 0; at < all.length; at += 3) {
            await check(db, { organizationId, filter: null, stats: [], histograms: all.slice(at, at + 3) });
          }
        }
      }
    });
  }, 600_000);

  it("no match: stats count 0 and null, histograms empty", async () => {
    await withTestDatabase(async (db) => {
      const total = await check(db, {
        organizationId: measuresOrg,
        filter: ["=", "name", "nobody"],
        stats: ["creation_time", "info.cosellPartnerMetrics.successRate"],
        histograms: ["creation_time:week", "info.cosellPartnerMetrics.successRate:10"],
      });
      expect(total).toBe(0);
    });
  });

  it(`${RUNS} random requests: filters, fields and intervals`, async () => {
    const histogram = fc
      .constantFrom(...MEASURED)
      .chain((name) => fc.constantFrom(...intervalsOf(name)).map((interval) => `${name}:${interval}`));
    let nonEmpty = 0;
    await withTestDatabase(async (db) => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom("measures", GENERATED_ORG),
          fc.option(filterArbitrary, { nil: null, freq: 3 }),
          fc.uniqueArray(fc.constantFrom(...MEASURED), { minLength: 0, maxLength: 5 }),
          fc.uniqueArray(histogram, { minLength: 0, maxLength: 3 }),
          async (organization, filter, stats, histograms) => {
            const organizationId = organization === "measures" ? measuresOrg : organization;
            if (stats.length === 0 && histograms.length === 0) return;
            if ((await check(db, { organizationId, filter, stats, histograms })) > 0) nonEmpty += 1;
          },
        ),
        propertyRuns(RUNS),
      );
    });
    expect(nonEmpty).toBeGreaterThan(RUNS / 4);
  }, 600_000);
});
