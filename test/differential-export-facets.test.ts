import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { facetableNames, parseFacetFields } from "../src/query/facets.ts";
import { parseFilter } from "../src/query/parse-query.ts";
import { parseProjection } from "../src/query/projection.ts";
import { parseSimpleSort } from "../src/query/sort.ts";
import { serviceDeps } from "../src/service/deps.ts";
import { exportContacts } from "../src/service/export.ts";
import { facetsStatement } from "../src/sql/facets.ts";
import { ALL_FIXTURES, type FixtureContact, GENERATED_ORG } from "./fixtures/contacts.ts";
import { referenceQuery } from "./reference/evaluate.ts";
import { referenceFacet } from "./reference/facets.ts";
import { COLUMN_KEYS, projectContact, responseContact, valueAt } from "./reference/project.ts";
import { filterArbitrary, PROJECTABLE_FIELDS, sortArbitrary } from "./support/arbitraries.ts";
import { type Cell, parseCsv } from "./support/csv.ts";
import { DIFFERENTIAL_RUNS, propertyRuns, withTestDatabase } from "./support/database.ts";
import { testEnv as env } from "./support/env.ts";

/**
 * Exports and facets against the reference: random filters, sorts and
 * projections exported in both formats (through the service, in batches of
 * random small sizes, so every export crosses several keyset batches), parsed
 * back, must equal the reference's ordered matches; random facet requests must
 * equal the reference's counts (test/reference/facets.ts), order, null rule
 * and limit included.
 */
const BASE_RUNS = DIFFERENTIAL_RUNS;
/** Each export case is two exports of up to ~100 batches: fewer cases than the filter differential. */
const EXPORT_RUNS = Math.max(10, Math.ceil(BASE_RUNS / 40));
const FACET_RUNS = Math.max(20, Math.ceil(BASE_RUNS / 10));

const FULL_COLUMNS = Object.keys(responseContact(ALL_FIXTURES[0] as FixtureContact));

/** The reference CSV of the matches: header, then per contact each column's value (see `expectCell`). */
function referenceCsv(contacts: readonly FixtureContact[], names: readonly string[] | undefined) {
  const columns = names
    ? [...(names.some((name) => COLUMN_KEYS[name] === "id") ? [] : ["id"]), ...names.map((n) => COLUMN_KEYS[n] ?? n)]
    : FULL_COLUMNS;
  // Duplicates (an alias and its column) are one field.
  const header = [...new Set(columns)];
  const rows = contacts.map((contact) => {
    const full = responseContact(contact);
    return header.map((column) =>
      column.startsWith("info.") ? valueAt(contact.info, column.slice(5).split(".")) : full[column],
    );
  });
  return { header, rows };
}

/** A cell holds a string as itself, null/missing as an empty field, anything else as JSON text. */
function expectCell(cell: Cell, value: unknown, where: string): void {
  if (value === null || value === undefined) expect(cell, where).toBeNull();
  else if (typeof value === "string") expect(cell, where).toBe(value);
  else expect(JSON.parse(cell ?? "null"), where).toEqual(value);
}

const batchArbitrary = fc.record({
  firstRows: fc.integer({ min: 1, max: 40 }),
  minRows: fc.integer({ min: 1, max: 10 }),
  maxRows: fc.integer({ min: 10, max: 60 }),
  targetBytes: fc.integer({ min: 500, max: 50_000 }),
  // Now and then less than one contact: batches of one.
  maxBytes: fc.oneof(
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }) },
    { weight: 4, arbitrary: fc.integer({ min: 3000, max: 40_000 }) },
  ),
});

describe("differential: exports and facets vs the reference", () => {
  it(`exports ${EXPORT_RUNS} random queries in both formats, in batches, exactly as the reference orders and projects`, async () => {
    const deps = serviceDeps(env, () => undefined);
    await fc.assert(
      fc.asyncProperty(
        filterArbitrary,
        sortArbitrary,
        fc.option(fc.uniqueArray(fc.constantFrom(...PROJECTABLE_FIELDS), { minLength: 1, maxLength: 5 }), {
          nil: undefined,
        }),
        batchArbitrary,
        async (jsonFilter, sortText, fields, batches) => {
          const filter = parseFilter(jsonFilter, "json");
          const expected = referenceQuery(ALL_FIXTURES, GENERATED_ORG, filter, parseSimpleSort(sortText));
          const names = fields && parseProjection(fields.join(",")).names;
          const base = { q: jsonFilter, qs: "json" as const, s: sortText, ss: "simple" as const };
          const input = fields ? { ...base, fields } : base;

          const lines = await new Response(
            (await exportContacts(GENERATED_ORG, { ...input, format: "ndjson" }, deps, batches)).body,
          ).text();
          const contacts =
            lines === ""
              ? []
              : lines
                  .replace(/\n$/, "")
                  .split("\n")
                  .map((line) => JSON.parse(line));
          expect(lines === "" || lines.endsWith("\n")).toBe(true);
          expect(contacts).toEqual(
            expected.map((contact) => (names ? projectContact(contact, names) : responseContact(contact))),
          );

          const csv = parseCsv(
            await new Response(
              (await exportContacts(GENERATED_ORG, { ...input, format: "csv" }, deps, batches)).body,
            ).text(),
          );
          const reference = referenceCsv(expected, names);
          expect(csv[0]).toEqual(reference.header);
          expect(csv.length - 1).toBe(reference.rows.length);
          reference.rows.forEach((row, r) => {
            for (const [c, value] of row.entries()) {
              expectCell(csv[r + 1]?.[c] ?? null, value, `row ${r}, ${reference.header[c]}`);
            }
          });
        },
      ),
      propertyRuns(EXPORT_RUNS),
    );
  }, 600_000);

  it(`counts facets of ${FACET_RUNS} random requests exactly as the reference`, async () => {
    const facetable = [
      ...facetableNames(),
      "info.cosellPartnerMetrics.pipeline.EUR",
      "info.cosellPartnerMetrics.closedWonAmount.GBP",
    ];
    let nonEmpty = 0;
    await withTestDatabase(async (db) => {
      await fc.assert(
        fc.asyncProperty(
          fc.option(filterArbitrary, { nil: null, freq: 4 }),
          fc.uniqueArray(fc.constantFrom(...facetable), { minLength: 1, maxLength: 5 }),
          fc.integer({ min: 1, max: 12 }),
          async (jsonFilter, names, limit) => {
            const filter = jsonFilter === null ? null : parseFilter(jsonFilter, "json");
            const fields = parseFacetFields(names.join(","));
            const [row] = await db.rows<Record<string, string>>(
              facetsStatement(GENERATED_ORG, { filter, fields, limit }).toSql(),
            );
            const matching = referenceQuery(ALL_FIXTURES, GENERATED_ORG, filter, []);
            expect(Number(row?.total_count)).toBe(matching.length);
            fields.forEach(({ field }, i) => {
              expect(JSON.parse(row?.[`facet_${i}`] ?? "null"), field.name).toEqual(
                referenceFacet(matching, field, limit),
              );
            });
            if (matching.length > 0) nonEmpty += 1;
          },
        ),
        propertyRuns(FACET_RUNS),
      );
    });
    expect(nonEmpty).toBeGreaterThan(FACET_RUNS / 4);
  }, 600_000);
});
