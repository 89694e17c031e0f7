import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FilterNode } from "../../src/query/ast.ts";
import { buildFilter } from "../../src/query/build-filter.ts";
import { fromJsonValue } from "../../src/query/json.ts";
import { readLisp } from "../../src/query/lisp.ts";
import { columnsImplying, readsInfo } from "../../src/sql/count-bound.ts";
import { ALL_FIXTURES } from "../fixtures/contacts.ts";
import { matches } from "../reference/evaluate.ts";
import { filterArbitrary } from "../support/arbitraries.ts";

/**
 * `count=estimated` may skip a filter's own bounded count when a filter on
 * columns alone that implies it already passes the bound (src/sql/count-bound.ts).
 * That is only sound if the column filter never matches a contact the filter
 * does not: checked here against the reference evaluator on every fixture.
 */
const lisp = (text: string) => buildFilter(readLisp(text), "lisp");

function implies(below: FilterNode | boolean, filter: FilterNode): void {
  for (const contact of ALL_FIXTURES) {
    const lower = typeof below === "boolean" ? below : matches(below, { contact });
    if (lower) expect(matches(filter, { contact }), contact.id).toBe(true);
  }
}

describe("columnsImplying", () => {
  it("keeps the column branches of an or, drops an and with a JSON conjunct", () => {
    expect(columnsImplying(lisp('(or (has tags "vip") (= info.partner "AWS"))'))).toEqual(lisp('(has tags "vip")'));
    expect(columnsImplying(lisp('(and (has tags "vip") (= info.partner "AWS"))'))).toBe(false);
    expect(columnsImplying(lisp('(not (= info.partner "AWS"))'))).toBe(false);
    expect(columnsImplying(lisp('(not (and (has tags "vip") (= info.partner "AWS")))'))).toEqual(
      lisp('(not (has tags "vip"))'),
    );
    expect(readsInfo(lisp('(= name "Ada")'))).toBe(false);
    expect(readsInfo(lisp('(or (= name "Ada") (any info.cosellPartnerMetrics.accounts (= domain "x")))'))).toBe(true);
  });

  it("implies the filter on every fixture contact, for random filters", () => {
    let withBound = 0;
    fc.assert(
      fc.property(filterArbitrary, (json) => {
        const filter = buildFilter(fromJsonValue(json, "q"), "json");
        const below = columnsImplying(filter);
        if (below !== false) withBound += 1;
        implies(below, filter);
      }),
      { numRuns: Number(process.env.DIFFERENTIAL_RUNS ?? 3000) },
    );
    // Not vacuous: some random filters do have a column part that implies them.
    expect(withBound).toBeGreaterThan(0);
  });
});
