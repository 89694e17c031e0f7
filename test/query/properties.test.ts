import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildFilter } from "../../src/query/build-filter.ts";
import { fromJsonValue, readJson } from "../../src/query/json.ts";
import { readLisp } from "../../src/query/lisp.ts";
import { parseContactQuery } from "../../src/query/parse-query.ts";
import { toJsonFilter, toLisp } from "../../src/query/print.ts";
import { QueryError } from "../../src/query/query-error.ts";
import { parseSimpleSort } from "../../src/query/sort.ts";
import { filterArbitrary } from "../support/arbitraries.ts";

/** Properties over generated input: parsing fails only with QueryError, and printing round-trips. */
function onlyQueryErrors(run: () => unknown): boolean {
  try {
    run();
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
  }
  return true;
}

const lispAlphabet = fc.constantFrom(
  ...'()"\\ \n\tabc=<>!-_.%0123456789eEutrfnl'.split(""),
  "info.",
  "and",
  "(= name ",
  '"x"',
  "null",
  "\\u00",
);
const lispLike = fc.array(lispAlphabet, { maxLength: 60 }).map((parts) => parts.join(""));

describe("parsing never fails with anything but a QueryError", () => {
  it("on arbitrary and LISP-flavoured text", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: "binary", maxLength: 40 }), lispLike),
        (text) => onlyQueryErrors(() => buildFilter(readLisp(text), "lisp")),
      ),
      { numRuns: 3000 },
    );
  });

  it("on arbitrary JSON text and values", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        onlyQueryErrors(() => buildFilter(fromJsonValue(value, "q"), "json"));
        return onlyQueryErrors(() => buildFilter(readJson(JSON.stringify(value), "q"), "json"));
      }),
      { numRuns: 3000 },
    );
  });

  it("on arbitrary sort text and request fields", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom("simple", "json") as fc.Arbitrary<"simple" | "json">,
        (s, q, ss) => {
          onlyQueryErrors(() => parseSimpleSort(s));
          return onlyQueryErrors(() => parseContactQuery({ q, qs: "json", s, ss, page_size: 20, page_number: 1 }));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("printing round-trips", () => {
  it("LISP and JSON printings of a filter parse back to the same tree", () => {
    fc.assert(
      fc.property(filterArbitrary, (value) => {
        const filter = buildFilter(fromJsonValue(value, "q"), "json");
        const canonical = JSON.stringify(toJsonFilter(filter));
        expect(JSON.stringify(toJsonFilter(buildFilter(readLisp(toLisp(filter)), "lisp")))).toBe(canonical);
        expect(JSON.stringify(toJsonFilter(buildFilter(readJson(canonical, "q"), "json")))).toBe(canonical);
      }),
      { numRuns: 2000 },
    );
  });
});
