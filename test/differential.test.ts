import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Cursor } from "../src/query/ast.ts";
import { buildFilter } from "../src/query/build-filter.ts";
import { canonicalQuery } from "../src/query/canonical.ts";
import { fromJsonValue } from "../src/query/json.ts";
import { readLisp } from "../src/query/lisp.ts";
import { toLisp } from "../src/query/print.ts";
import { parseProjection } from "../src/query/projection.ts";
import { parseSimpleSort } from "../src/query/sort.ts";
import { pageStatement } from "../src/sql/page.ts";
import { ALL_FIXTURES, GENERATED_ORG } from "./fixtures/contacts.ts";
import { referenceQuery } from "./reference/evaluate.ts";
import { projectContact } from "./reference/project.ts";
import { filterArbitrary, PROJECTABLE_FIELDS, sortArbitrary } from "./support/arbitraries.ts";
import { DIFFERENTIAL_RUNS, propertyRuns, withTestDatabase } from "./support/database.ts";

/**
 * The database must agree with the reference evaluator on every random filter
 * and sort: the same ids in the same order, and the same total.
 */
const GENERATED_TOTAL = ALL_FIXTURES.filter((contact) => contact.organization_id === GENERATED_ORG).length;
const RUNS = DIFFERENTIAL_RUNS;

describe("differential: Postgres vs the reference evaluator", () => {
  it(`agrees on ${RUNS} random filters and sorts`, async () => {
    let checked = 0;
    let selective = 0; // cases whose filter kept some rows and dropped others
    await withTestDatabase(async (db) => {
      await fc.assert(
        fc.asyncProperty(filterArbitrary, sortArbitrary, async (jsonFilter, sortText) => {
          const filter = buildFilter(fromJsonValue(jsonFilter, "q"), "json");
          const sort = parseSimpleSort(sortText);
          // The LISP printing of the same filter means the same thing.
          const fromLisp = buildFilter(readLisp(toLisp(filter)), "lisp");
          const query = { filter, sort, pageSize: 1000, pageNumber: 1 };
          expect(canonicalQuery({ ...query, filter: fromLisp })).toBe(canonicalQuery(query));

          const [row] = await db.rows<{ total_count: string; data: string }>(
            pageStatement(GENERATED_ORG, query).toSql(),
          );
          const actual = (JSON.parse(row?.data ?? "[]") as { id: string }[]).map((contact) => contact.id);
          const expected = referenceQuery(ALL_FIXTURES, GENERATED_ORG, filter, sort).map((contact) => contact.id);
          expect({ total: Number(row?.total_count), ids: actual }).toEqual({ total: expected.length, ids: expected });
          // (not P) matches exactly the rows P does not: the two totals add up.
          const [negated] = await db.rows<{ total_count: string }>(
            pageStatement(GENERATED_ORG, { ...query, filter: { op: "not", arg: filter }, pageSize: 1 }).toSql(),
          );
          expect(Number(row?.total_count) + Number(negated?.total_count)).toBe(GENERATED_TOTAL);
          checked += 1;
          if (expected.length > 0 && expected.length < GENERATED_TOTAL) selective += 1;
        }),
        propertyRuns(RUNS),
      );
    });
    expect(checked).toBe(RUNS);
    // Guard against a vacuous run where every filter matches all rows or none.
    expect(selective).toBeGreaterThan(RUNS / 4);
  }, 600_000);

  it(`walks by keyset pages exactly as the reference orders, on ${Math.ceil(RUNS / 10)} random queries`, async () => {
    let walked = 0;
    await withTestDatabase(async (db) => {
      await fc.assert(
        fc.asyncProperty(
          filterArbitrary,
          sortArbitrary,
          fc.integer({ min: 1, max: 40 }),
          async (jsonFilter, sortText, pageSize) => {
            const filter = buildFilter(fromJsonValue(jsonFilter, "q"), "json");
            const sort = parseSimpleSort(sortText);
            const expected = referenceQuery(ALL_FIXTURES, GENERATED_ORG, filter, sort).map((contact) => contact.id);
            const seen: string[] = [];
            let after: Cursor | undefined;
            for (let page = 1; page <= GENERATED_TOTAL + 1; page++) {
              const query = {
                filter,
                sort,
                pageSize,
                pageNumber: page,
                count: "none" as const,
                ...(after ? { after } : {}),
              };
              const [row] = await db.rows<{ data: string; next_keys: string | null }>(
                pageStatement(GENERATED_ORG, query).toSql(),
              );
              seen.push(...(JSON.parse(row?.data ?? "[]") as { id: string }[]).map((contact) => contact.id));
              if (!row?.next_keys) break;
              const keys = JSON.parse(row.next_keys) as (string | null)[];
              after = { keys: keys.slice(0, -1), id: keys.at(-1) as string };
            }
            expect(seen).toEqual(expected);
            walked += 1;
          },
        ),
        propertyRuns(Math.ceil(RUNS / 10)),
      );
    });
    expect(walked).toBe(Math.ceil(RUNS / 10));
  }, 600_000);

  it("projects contacts exactly as the reference does", async () => {
    const names = fc.uniqueArray(fc.constantFrom(...PROJECTABLE_FIELDS), { minLength: 1, maxLength: 6 });
    await withTestDatabase(async (db) => {
      await fc.assert(
        fc.asyncProperty(filterArbitrary, names, async (jsonFilter, fields) => {
          const filter = buildFilter(fromJsonValue(jsonFilter, "q"), "json");
          const sort = parseSimpleSort("id");
          const projection = parseProjection(fields.join(","));
          const query = { filter, sort, pageSize: 1000, pageNumber: 1, projection };
          const [row] = await db.rows<{ data: string }>(pageStatement(GENERATED_ORG, query).toSql());
          const expected = referenceQuery(ALL_FIXTURES, GENERATED_ORG, filter, sort).map((contact) =>
            projectContact(contact, projection.names),
          );
          expect(JSON.parse(row?.data ?? "[]")).toEqual(expected);
        }),
        propertyRuns(Math.ceil(RUNS / 30)),
      );
    });
  }, 600_000);
});
