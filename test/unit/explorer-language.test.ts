import { Text } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { paramOf, positionOf } from "../../explorer/src/api/problem.ts";
import type { Catalog } from "../../explorer/src/api/types.ts";
import { convertFilter } from "../../explorer/src/editor/convert-syntax.ts";
import { errorSpan, pointerSpan } from "../../explorer/src/editor/error-range.ts";
import { cursorContext, operatorIndex, type Vocabulary } from "../../explorer/src/editor/filter-context.ts";
import { addClause, facetClause } from "../../explorer/src/editor/filter-edit.ts";
import { fieldCatalog } from "../../src/query/field-catalog.ts";
import { operatorCatalog } from "../../src/query/operator-catalog.ts";
import { parseContactQuery, parseFilter } from "../../src/query/parse-query.ts";
import { toJsonFilter } from "../../src/query/print.ts";
import { QueryError } from "../../src/query/query-error.ts";

/**
 * The explorer's reading and writing of the filter language, held against
 * the language itself (src/query): the messages it parses are the parser's,
 * the filters it writes must parse, and its completion works from the very
 * catalog `/fields` serves.
 */
const catalog = JSON.parse(JSON.stringify({ fields: fieldCatalog(), operators: operatorCatalog() })) as Catalog;
const vocabulary: Vocabulary = { fields: catalog.fields, operators: operatorIndex(catalog.operators) };

function errorOf(q: string, qs: "lisp" | "json" = "lisp", s?: string): QueryError {
  try {
    parseContactQuery({ q, qs, ss: "simple", page_size: 1, ...(s ? { s } : {}) });
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`${q} parsed`);
}

const canonical = (q: string, qs: "lisp" | "json") => {
  const filter = parseFilter(q, qs);
  return filter && toJsonFilter(filter);
};
const same = (a: string, qa: "lisp" | "json", b: string, qb: "lisp" | "json") =>
  expect(canonical(b, qb)).toEqual(canonical(a, qa));

describe("error messages, as the page reads them", () => {
  const cases: [string, "lisp" | "json", string?][] = [
    ['(= info.partnr "AWS")', "lisp"],
    ['(and (= name "x")\n  (= emial "y"))', "lisp"],
    ['(= name "x"', "lisp"],
    ["(> name 3)", "lisp"],
    ['(frobnicate name "x")', "lisp"],
    ['["and", ["=", "info.partner", "AWS"], ["=", "info.partnr", "AWS"]]', "json"],
    ['["=", "name"', "json"],
    ['["between", "creation_time", "2024-01-01", "yesterday"]', "json"],
    ["(is-null name)", "lisp", "-nme"],
  ];
  it.each(cases)("%s (%s, sort %s): the parameter and the position of the QueryError", (q, qs, s) => {
    const error = errorOf(q, qs, s);
    expect(paramOf(error.message)).toBe(error.param);
    expect(positionOf(error.message)).toEqual(error.position ?? null);
  });

  it("a pointer to the whole JSON value and a message without a position", () => {
    expect(positionOf("q: must be an array at the top level")).toEqual({ pointer: "" });
    expect(positionOf("page_size: must be an integer between 1 and 1000")).toBeNull();
    expect(paramOf("internal error")).toBeNull();
  });

  it("underlines the token at a line and column, and the value a pointer names", () => {
    const lisp = '(and (= name "x")\n  (= emial "y"))';
    const error = errorOf(lisp);
    const span = errorSpan(Text.of(lisp.split("\n")), error.position as { line: number; column: number });
    expect(lisp.slice(span.from, span.to)).toBe("emial");

    const json = '["and", ["=", "info.partner", "AWS"], ["=", "info.partnr", "AWS"]]';
    const pointer = errorOf(json, "json").position as { pointer: string };
    expect(pointer.pointer).toBe("/2/1");
    const named = pointerSpan(json, pointer.pointer);
    expect(named && json.slice(named.from, named.to)).toBe('"info.partnr"');
    const object = '{"a/b": {"~x": [1, 22]}}';
    const escaped = pointerSpan(object, "/a~1b/~0x/1");
    expect(escaped && object.slice(escaped.from, escaped.to)).toBe("22");
    expect(pointerSpan("[1]", "/5")).toBeUndefined();

    // A filter cut short: the end of the text is underlined, never nothing.
    const cut = '(= name "x"';
    const end = errorSpan(Text.of([cut]), errorOf(cut).position as { line: number; column: number });
    expect(end.to - end.from).toBeGreaterThan(0);
  });
});

describe("completion context", () => {
  const at = (text: string, syntax: "lisp" | "json" = "lisp") =>
    cursorContext(text.replace("|", ""), text.indexOf("|"), syntax, vocabulary);

  it("offers operators after an opening bracket, fields after an operator, values after a field", () => {
    expect(at("(|").expectation).toEqual({ expect: "operator", inParens: true });
    expect(at("|").expectation).toEqual({ expect: "operator", inParens: false });
    const field = at("(= info.part|").expectation;
    expect(field.expect).toBe("field");
    expect(at("(= info.part|").current?.text).toBe("info.part");
    const value = at('(= info.partner "AW|")');
    expect(value.expectation).toMatchObject({ expect: "value", field: { name: "info.partner" } });
    expect(value.current?.text).toBe('"AW"');
    expect(at('(in info.enrichedContactInfo.status ("act|').expectation).toMatchObject({
      expect: "list-value",
      field: { name: "info.enrichedContactInfo.status" },
    });
    expect(at("(and (= name |").expectation.expect).toBe("value");
    expect(at('(and (= name "x") |').expectation).toEqual({ expect: "operator", inParens: false });
  });

  it("inside `any`, the fields are the element's own", () => {
    const inside = at("(any info.cosellPartnerMetrics.accounts (= indus|").expectation;
    expect(inside.expect).toBe("field");
    const names = inside.expect === "field" ? inside.scope.map((f) => f.name) : [];
    expect(names).toContain("industry");
    expect(names).not.toContain("email_address");
    const nested = at("(any info.cosellPartnerMetrics.accounts (any opportunities (= stage|").expectation;
    expect(nested.expect === "field" && nested.scope.map((f) => f.name)).toContain("stageName");
  });

  it("reads the JSON syntax the same way", () => {
    expect(at('["=", "info.part|"', "json").expectation.expect).toBe("field");
    expect(at('["=", "info.partner", "AW|"', "json").expectation).toMatchObject({ expect: "value" });
    expect(at('["in", "info.partner", ["A|"', "json").expectation).toMatchObject({ expect: "list-value" });
    expect(at('["and", |', "json").expectation).toEqual({ expect: "operator", inParens: false });
  });
});

describe("the syntax toggle", () => {
  it("rewrites every operator's example to JSON and back, meaning the same", () => {
    for (const operator of catalog.operators) {
      const json = convertFilter(operator.example, "lisp", "json", vocabulary.operators);
      same(operator.example, "lisp", json, "json");
      const lisp = convertFilter(json, "json", "lisp", vocabulary.operators);
      same(operator.example, "lisp", lisp, "lisp");
    }
  });

  it("refuses text that is not a whole filter, and leaves an empty one alone", () => {
    expect(() => convertFilter('(= name "x"', "lisp", "json", vocabulary.operators)).toThrow(/not closed/);
    expect(() => convertFilter('{"a": 1}', "json", "lisp", vocabulary.operators)).toThrow();
    expect(convertFilter("  ", "lisp", "json", vocabulary.operators)).toBe("  ");
  });
});

describe("a facet click's filter", () => {
  it("adds the value to the filter with `and`, in either syntax, and the result parses", () => {
    const lisp = addClause('(= info.partner "AWS")', facetClause("tags", true, "vip", "lisp"), "lisp");
    expect(lisp).toBe('(and (= info.partner "AWS") (has tags "vip"))');
    const more = addClause(lisp, facetClause("info.enrichedContactInfo.status", false, null, "lisp"), "lisp");
    expect(more).toBe('(and (= info.partner "AWS") (has tags "vip") (is-null info.enrichedContactInfo.status))');
    const json = addClause(
      convertFilter(lisp, "lisp", "json", vocabulary.operators),
      facetClause("info.enrichedContactInfo.status", false, null, "json"),
      "json",
    );
    same(more, "lisp", json, "json");
    expect(addClause("", facetClause("info.cosellPartnerMetrics.accountCount", false, 3, "lisp"), "lisp")).toBe(
      "(= info.cosellPartnerMetrics.accountCount 3)",
    );
    // An `or` at the top is not extended: it is and-ed as a whole.
    expect(addClause('(or (has tags "a") (has tags "b"))', '(has tags "c")', "lisp")).toBe(
      '(and (or (has tags "a") (has tags "b")) (has tags "c"))',
    );
  });
});
