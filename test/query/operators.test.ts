import { describe, expect, it } from "vitest";
import { buildFilter } from "../../src/query/build-filter.ts";
import { readLisp } from "../../src/query/lisp.ts";
import { lookupOperator, OPERATORS, type OperatorName, operatorSpec } from "../../src/query/operators.ts";
import { toLisp } from "../../src/query/print.ts";

/** The operator table: every entry's names resolve to it, and its documented example means what it says. */
describe("the operator table", () => {
  for (const name of Object.keys(OPERATORS) as OperatorName[]) {
    const spec = operatorSpec(name);
    it(`${name}: names, example and printing`, () => {
      for (const spelling of [name, ...(spec.aliases ?? []), name.toUpperCase()]) {
        expect(lookupOperator(spelling), spelling).toBe(name);
      }
      const example = readLisp(spec.example);
      const head = example.kind === "seq" && example.items[0]?.kind === "word" ? example.items[0].text : "";
      expect(lookupOperator(head), spec.example).toBe(name);
      // The example is a valid filter, and its canonical printing reads back to the same tree.
      const ast = buildFilter(example, "lisp");
      expect(buildFilter(readLisp(toLisp(ast)), "lisp")).toEqual(ast);
    });
  }

  it("gives every builder method one operator", () => {
    const methods = Object.values(OPERATORS).map((spec) => spec.method);
    expect(new Set(methods).size).toBe(methods.length);
  });
});
