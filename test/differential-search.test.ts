import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Cursor, FilterNode } from "../src/query/ast.ts";
import { parseFacetFields } from "../src/query/facets.ts";
import { LIMITS } from "../src/query/limits.ts";
import { parseFilter } from "../src/query/parse-query.ts";
import { QueryError } from "../src/query/query-error.ts";
import { parseSearch, withSearch } from "../src/query/search.ts";
import { parseSimpleSort } from "../src/query/sort.ts";
import { serviceDeps } from "../src/service/deps.ts";
import { exportContacts } from "../src/service/export.ts";
import { facetsStatement } from "../src/sql/facets.ts";
import { pageStatement } from "../src/sql/page.ts";
import { ALL_FIXTURES, type FixtureContact, GENERATED_ORG } from "./fixtures/contacts.ts";
import { matchesSearchText, referenceQuery, referenceWords } from "./reference/evaluate.ts";
import { referenceFacet } from "./reference/facets.ts";
import { responseContact } from "./reference/project.ts";
import { filterArbitrary, searchTextArbitrary, sortArbitrary } from "./support/arbitraries.ts";
import { DIFFERENTIAL_RUNS, propertyRuns, withTestDatabase } from "./support/database.ts";
import { testEnv as env } from "./support/env.ts";

/**
 * `search=` against the reference evaluator: search texts made from the rows'
 * own text (test/support/arbitraries.ts), alone or with a random filter, in
 * random sorts; through pages, keyset walks, exports and facets. The
 * reference folds the raw text itself (test/reference/evaluate.ts); the
 * database gets the service's search node. A text the service refuses must be
 * one the reference counts more than 8 words, or no word, in — or longer than
 * 200 characters.
 */
const RUNS = Math.max(50, Math.ceil(DIFFERENTIAL_RUNS / 10));
const ORGANIZATION = ALL_FIXTURES.filter((contact) => contact.organization_id === GENERATED_ORG);

/** The service's search node, or null when it refuses the text (checked against the reference's own count). */
function parsedOrRefused(text: string) {
  try {
    const node = parseSearch(text);
    expect(node, text).not.toBeNull();
    return node;
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    expect(error.param).toBe("search");
    const words = referenceWords(text).length;
    const long = [...text].length > LIMITS.maxSearchCharacters;
    expect(long || words === 0 || words > LIMITS.maxSearchWords, `${text}: ${error.message}`).toBe(true);
    return null;
  }
}

/** The reference's matches of the filter and the search text, in the sort's order. */
function expected(filter: FilterNode | null, text: string, sort: string): FixtureContact[] {
  return referenceQuery(ALL_FIXTURES, GENERATED_ORG, filter, parseSimpleSort(sort)).filter((contact) =>
    matchesSearchText(contact, text),
  );
}

const withFilter = fc.option(filterArbitrary, { nil: null, freq: 2 });

describe("differential: search vs the reference evaluator", () => {
  it(`agrees on ${RUNS} random search texts, with and without filters and sorts`, async () => {
    let selective = 0;
    let refused = 0;
    let pastBound = 0;
    await withTestDatabase(async (db) => {
      await fc.assert(
        fc.asyncProperty(
          searchTextArbitrary,
          withFilter,
          sortArbitrary,
          fc.nat({ max: 60 }),
          async (text, json, sort, bound) => {
            const search = parsedOrRefused(text);
            if (search === null) {
              refused += 1;
              return;
            }
            const filter = withSearch(json === null ? null : parseFilter(json, "json"), search);
            const query = { filter, sort: parseSimpleSort(sort), pageSize: 1000, pageNumber: 1 };
            const [row] = await db.rows<{ total_count: string; data: string }>(
              pageStatement(GENERATED_ORG, query).toSql(),
            );
            const ids = (JSON.parse(row?.data ?? "[]") as { id: string }[]).map((contact) => contact.id);
            const reference = expected(json === null ? null : parseFilter(json, "json"), text, sort);
            expect({ total: Number(row?.total_count), ids }, text).toEqual({
              total: reference.length,
              ids: reference.map((contact) => contact.id),
            });
            // Choosing the page among at most `bound` + 1 matches, or past them by the table's order
            // (src/sql/search-rows.ts): the same rows; `count=estimated` exact up to the bound, above it past it.
            const [bounded] = await db.rows<{ total_count: string; total_exact: boolean; data: string }>(
              pageStatement(GENERATED_ORG, { ...query, count: "estimated" }, { exactCountBound: bound }).toSql(),
            );
            const boundedIds = (JSON.parse(bounded?.data ?? "[]") as { id: string }[]).map((contact) => contact.id);
            expect(boundedIds, `${text} (bound ${bound})`).toEqual(ids);
            if (reference.length <= bound) {
              expect({ total: Number(bounded?.total_count), exact: bounded?.total_exact }).toEqual({
                total: reference.length,
                exact: true,
              });
            } else {
              expect(bounded?.total_exact, `${text} (bound ${bound})`).toBe(false);
              expect(Number(bounded?.total_count), `${text} (bound ${bound})`).toBeGreaterThan(bound);
              pastBound += 1;
            }
            // The search node is an exact predicate: its negation matches exactly the other rows.
            const [negated] = await db.rows<{ total_count: string }>(
              pageStatement(GENERATED_ORG, { ...query, filter: { op: "not", arg: search }, pageSize: 1 }).toSql(),
            );
            const alone = ORGANIZATION.filter((contact) => matchesSearchText(contact, text)).length;
            expect(Number(negated?.total_count), text).toBe(ORGANIZATION.length - alone);
            if (alone > 0 && alone < ORGANIZATION.length) selective += 1;
          },
        ),
        propertyRuns(RUNS),
      );
    });
    expect(selective).toBeGreaterThan(RUNS / 4);
    expect(refused).toBeLessThan(RUNS / 4);
    expect(pastBound).toBeGreaterThan(RUNS / 10);
  }, 600_000);

  it(`walks searches by keyset pages as the reference orders them, on ${Math.ceil(RUNS / 5)} random queries and bounds`, async () => {
    await withTestDatabase(async (db) => {
      await fc.assert(
        fc.asyncProperty(
          searchTextArbitrary,
          withFilter,
          sortArbitrary,
          fc.integer({ min: 1, max: 7 }),
          fc.integer({ min: 0, max: 12 }),
          fc.constantFrom("none", "known", "estimated", "exact"),
          async (text, json, sort, pageSize, bound, counting) => {
            const search = parsedOrRefused(text);
            if (search === null) return;
            const base = json === null ? null : parseFilter(json, "json");
            const filter = withSearch(base, search);
            const reference = expected(base, text, sort).map((contact) => contact.id);
            const seen: string[] = [];
            let after: Cursor | undefined;
            for (let page = 1; page <= ORGANIZATION.length + 1; page++) {
              const query = {
                filter,
                sort: parseSimpleSort(sort),
                pageSize,
                pageNumber: page,
                count: counting === "known" ? ("estimated" as const) : counting,
                ...(after ? { after } : {}),
              };
              // Every way a page is chosen (src/sql/search-rows.ts): by the table's order (`none`, or a
              // known count past the bound), among all the matches (an exact count, or a known count
              // within the bound), among at most `bound` + 1 of them or past them (`estimated`).
              const options =
                counting === "known"
                  ? { countKnown: true, knownMatches: reference.length, exactCountBound: bound }
                  : { exactCountBound: bound };
              const [row] = await db.rows<{
                data: string;
                next_keys: string | null;
                total_count: string | null;
                total_exact: boolean;
              }>(pageStatement(GENERATED_ORG, query, options).toSql());
              seen.push(...(JSON.parse(row?.data ?? "[]") as { id: string }[]).map((contact) => contact.id));
              if (counting === "exact" || (counting === "estimated" && reference.length <= bound)) {
                expect({ total: Number(row?.total_count), exact: row?.total_exact }, text).toEqual({
                  total: reference.length,
                  exact: true,
                });
              } else if (counting === "estimated") {
                expect(row?.total_exact, text).toBe(false);
                expect(Number(row?.total_count), text).toBeGreaterThan(bound);
              }
              if (!row?.next_keys) break;
              const keys = JSON.parse(row.next_keys) as (string | null)[];
              after = { keys: keys.slice(0, -1), id: keys.at(-1) as string };
            }
            expect(seen, text).toEqual(reference);
          },
        ),
        propertyRuns(Math.ceil(RUNS / 5)),
      );
    });
  }, 600_000);

  it(`exports ${Math.ceil(RUNS / 10)} random searches exactly as the reference orders them`, async () => {
    const deps = serviceDeps(env, () => undefined);
    const batches = { firstRows: 3, minRows: 1, maxRows: 7, targetBytes: 5000, maxBytes: 20_000 };
    await fc.assert(
      fc.asyncProperty(searchTextArbitrary, withFilter, sortArbitrary, async (text, json, sort) => {
        if (parsedOrRefused(text) === null) return;
        const input = {
          ...(json === null ? {} : { q: json }),
          qs: "json" as const,
          s: sort,
          ss: "simple" as const,
          search: text,
          format: "ndjson" as const,
        };
        const lines = await new Response((await exportContacts(GENERATED_ORG, input, deps, batches)).body).text();
        const contacts =
          lines === ""
            ? []
            : lines
                .trimEnd()
                .split("\n")
                .map((line) => JSON.parse(line));
        const base = json === null ? null : parseFilter(json, "json");
        expect(contacts, text).toEqual(expected(base, text, sort).map(responseContact));
      }),
      propertyRuns(Math.ceil(RUNS / 10)),
    );
  }, 600_000);

  it(`counts facets of ${Math.ceil(RUNS / 5)} random searches exactly as the reference`, async () => {
    const fields = parseFacetFields("info.partner,tags,info.enrichedContactInfo.status");
    await withTestDatabase(async (db) => {
      await fc.assert(
        fc.asyncProperty(searchTextArbitrary, withFilter, async (text, json) => {
          const search = parsedOrRefused(text);
          if (search === null) return;
          const base = json === null ? null : parseFilter(json, "json");
          const [row] = await db.rows<Record<string, string>>(
            facetsStatement(GENERATED_ORG, { filter: withSearch(base, search), fields, limit: 10 }).toSql(),
          );
          const matching = expected(base, text, "id");
          expect(Number(row?.total_count), text).toBe(matching.length);
          fields.forEach(({ field }, i) => {
            expect(JSON.parse(row?.[`facet_${i}`] ?? "null"), `${text}: ${field.name}`).toEqual(
              referenceFacet(matching, field, 10),
            );
          });
        }),
        propertyRuns(Math.ceil(RUNS / 5)),
      );
    });
  }, 600_000);
});
