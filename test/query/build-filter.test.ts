import { describe, expect, it } from "vitest";
import { buildFilter } from "../../src/query/build-filter.ts";
import { canonicalQuery } from "../../src/query/canonical.ts";
import { readJson } from "../../src/query/json.ts";
import { readLisp } from "../../src/query/lisp.ts";
import { toJsonFilter } from "../../src/query/print.ts";
import { queryErrorOf } from "../support/query-error.ts";

const lisp = (text: string) => buildFilter(readLisp(text), "lisp");
const json = (value: unknown) => buildFilter(readJson(JSON.stringify(value), "q"), "json");
const canonical = (filter: ReturnType<typeof lisp>) => JSON.stringify(toJsonFilter(filter));

const fails = queryErrorOf;

describe("operators and aliases", () => {
  const equivalent: [string, string][] = [
    ['(eq name "a")', '(= name "a")'],
    ['(ne name "a")', '(not (= name "a"))'],
    ['(<> name "a")', '(!= name "a")'],
    ["(lt info.cosellPartnerMetrics.accountCount 3)", "(< info.cosellPartnerMetrics.accountCount 3)"],
    ["(lte info.cosellPartnerMetrics.accountCount 3)", "(<= info.cosellPartnerMetrics.accountCount 3)"],
    ["(gt info.cosellPartnerMetrics.accountCount 3)", "(> info.cosellPartnerMetrics.accountCount 3)"],
    ["(gte info.cosellPartnerMetrics.accountCount 3)", "(>= info.cosellPartnerMetrics.accountCount 3)"],
    ['(nin name ("a"))', '(not-in name ("a"))'],
    ['(not-in name ("a"))', '(not (in name ("a")))'],
    ["(exists email_address)", "(is-not-null email_address)"],
    ["(is-not-null email_address)", "(not (is-null email_address))"],
    ["(= email_address null)", "(is-null email_address)"],
    ["(!= email_address null)", "(not (is-null email_address))"],
    ['(not-like name "a%")', '(not (like name "a%"))'],
    ['(not-ilike name "a%")', '(not (ilike name "a%"))'],
    ['(contains name "50%_\\\\")', '(like name "%50\\\\%\\\\_\\\\\\\\%")'],
    ['(icontains name "x")', '(ilike name "%x%")'],
    ['(starts-with name "x")', '(like name "x%")'],
    ['(istarts-with name "x")', '(ilike name "x%")'],
    ['(ends-with name "x")', '(like name "%x")'],
    ['(iends-with name "x")', '(ilike name "%x")'],
    ['(has tags "vip")', '(has-all tags ("vip"))'],
    ['(= emailAddress "a")', '(= email_address "a")'],
    ['(= organizationID "a")', '(= organization_id "a")'],
    ['(> creationTime "2024-05-01")', '(> creation_time "2024-05-01T00:00:00.000000Z")'],
    ['(> creation_time "2024-05-01T12:00:00+02:00")', '(> creation_time "2024-05-01T10:00:00Z")'],
    ['(AND (= name "a"))', '(and (= name "a"))'],
  ];
  for (const [left, right] of equivalent) {
    it(`${left} ≡ ${right}`, () => {
      expect(canonical(lisp(left))).toBe(canonical(lisp(right)));
    });
  }

  it("reads the documented examples", () => {
    const examples = [
      '(= name "Ada Lovelace")',
      '(and (= info.partner "AWS") (>= info.cosellPartnerMetrics.accountCount 3))',
      '(or (ilike email_address "%@acme.com") (has tags "vip"))',
      '(not (in info.enrichedContactInfo.status ("archived" "stale")))',
      '(any info.cosellPartnerMetrics.accounts (and (= industry "Software") (> createdDate "2024-01-01")))',
    ];
    for (const example of examples) expect(() => lisp(example)).not.toThrow();
  });

  it("gives LISP and JSON forms of the same filter one meaning", () => {
    const fromLisp = lisp(
      '(and (= info.partner "AWS") (in name ("a" "b")) (any info.cosellPartnerMetrics.accounts (> createdDate "2024-01-01")))',
    );
    const fromJson = json([
      "and",
      ["=", "info.partner", "AWS"],
      ["in", "name", ["a", "b"]],
      ["any", "info.cosellPartnerMetrics.accounts", [">", "createdDate", "2024-01-01"]],
    ]);
    expect(canonical(fromJson)).toBe(canonical(fromLisp));
  });

  it("accepts currency keys of the documented maps", () => {
    expect(() => lisp("(> info.cosellPartnerMetrics.pipeline.USD 100)")).not.toThrow();
    expect(() => lisp("(> info.cosellPartnerMetrics.closedWonAmount.EUR 100)")).not.toThrow();
  });

  it("keeps the canonical query independent of spelling", () => {
    const base = { sort: [], pageSize: 20, pageNumber: 1 };
    expect(canonicalQuery({ ...base, filter: lisp('(gte creationTime "2024-01-01")') })).toBe(
      canonicalQuery({ ...base, filter: json([">=", "creation_time", "2024-01-01T00:00:00Z"]) }),
    );
  });
});

describe("errors name the field, the expectation and the position", () => {
  const errors: [string, string, string][] = [
    [
      '(= info.companyNam "x")',
      "unknown-field",
      "q: unknown field 'info.companyNam' (did you mean 'info.companyName'?) at line 1, column 4",
    ],
    ['(= nme "x")', "unknown-field", "q: unknown field 'nme' (did you mean 'name'?) at line 1, column 4"],
    [
      '(= info.__proto__ "x")',
      "unknown-field",
      "q: unknown field 'info.__proto__' (did you mean 'info.partner'?) at line 1, column 4",
    ],
    [
      "(= info.cosellPartnerMetrics.pipeline.usd 1)",
      "unknown-field",
      "q: unknown field 'info.cosellPartnerMetrics.pipeline.usd' (did you mean 'info.cosellPartnerMetrics.pipeline.USD'?) at line 1, column 4",
    ],
    [
      '(any info.cosellPartnerMetrics.accounts (= name_x "x"))',
      "unknown-field",
      "q: unknown field 'name_x' in the elements of 'info.cosellPartnerMetrics.accounts' (did you mean 'name'?) at line 1, column 44",
    ],
    [
      '(any info.cosellPartnerMetrics.accounts (= partner "x"))',
      "unknown-field",
      "q: unknown field 'partner' in the elements of 'info.cosellPartnerMetrics.accounts' (did you mean 'name'?) at line 1, column 44",
    ],
    ["(> name 3)", "type", "q: 'name' is a string field; '>' expects a string, found a number at line 1, column 9"],
    [
      '(= tags "x")',
      "type",
      "q: operator '=' does not apply to 'tags' (string[]); it takes has, has-any, has-all, is-null, is-not-null at line 1, column 4",
    ],
    [
      '(has name "x")',
      "type",
      "q: operator 'has' does not apply to 'name' (string); it takes =, !=, <, <=, >, >=, between, in, not-in, like, ilike, not-like, not-ilike, contains, icontains, starts-with, istarts-with, ends-with, iends-with, is-null, is-not-null at line 1, column 6",
    ],
    [
      '(> creation_time "yesterday")',
      "invalid-value",
      `q: unparsable timestamp 'yesterday' for 'creation_time' (expected ISO-8601 such as "2024-05-01" or "2024-05-01T10:00:00Z") at line 1, column 18`,
    ],
    [
      '(> creation_time "2024-02-30")',
      "invalid-value",
      `q: unparsable timestamp '2024-02-30' for 'creation_time' (expected ISO-8601 such as "2024-05-01" or "2024-05-01T10:00:00Z") at line 1, column 18`,
    ],
    [
      "(= name ada)",
      "type",
      "q: 'name' is a string field; '=' expects a string, found 'ada' (strings are double-quoted) at line 1, column 9",
    ],
    [
      '(= "name" "x")',
      "syntax",
      "q: expected a field name, found a string (field names are bare words, not strings) at line 1, column 4",
    ],
    ['(equals name "x")', "unknown-operator", "q: unknown operator 'equals' (did you mean 'eq'?) at line 1, column 2"],
    [
      '(between name "a")',
      "arity",
      "q: 'between' takes 3 arguments (a field, a value, a value), found 2 at line 1, column 1",
    ],
    ["(and)", "arity", "q: 'and' needs at least one filter at line 1, column 1"],
    ['(in name "a")', "type", 'q: expected a list of values such as ("a" "b"), found a string at line 1, column 10'],
    [
      '(like name "abc\\\\")',
      "invalid-value",
      "q: LIKE pattern must not end with a lone '\\' escape at line 1, column 12",
    ],
    [
      "(> name null)",
      "type",
      "q: null is only allowed as (= field null) or (!= field null); use is-null or is-not-null at line 1, column 9",
    ],
    ['("and")', "syntax", "q: expected an operator name, found a string at line 1, column 2"],
    ["name", "syntax", "q: expected a filter (op arg ...), found 'name' at line 1, column 1"],
    [
      "(< info.cosellPartnerMetrics.accounts 1)",
      "type",
      "q: operator '<' does not apply to 'info.cosellPartnerMetrics.accounts' (object[]); it takes any, is-null, is-not-null at line 1, column 4",
    ],
  ];
  for (const [text, code, message] of errors) {
    it(text, () => {
      const error = fails(() => lisp(text));
      expect(error.message).toBe(message);
      expect(error.code).toBe(code);
    });
  }

  it("locates JSON errors by pointer", () => {
    expect(fails(() => json(["and", ["=", "nme", "x"]])).message).toBe(
      "q: unknown field 'nme' (did you mean 'name'?) at /1/1",
    );
    expect(fails(() => json(["in", "name", ["a", 3]])).message).toBe(
      "q: 'name' is a string field; 'in' expects a string, found a number at /2/1",
    );
    expect(fails(() => json({ op: "=" })).message).toBe(
      'q: expected a filter ["op", arg, ...], found an object at the top level',
    );
  });
});

describe("limits", () => {
  it("allows 500 operators and refuses 501", () => {
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `(= name "${i}")`).join(" ");
    expect(() => lisp(`(or ${terms(499)})`)).not.toThrow();
    const error = fails(() => lisp(`(or ${terms(500)})`));
    expect(error.code).toBe("limit");
    expect(error.message).toMatch(/^q: filter has more than 500 operators at line 1, column \d+$/);
  });

  it("allows 32 levels and refuses 33", () => {
    const nest = (levels: number) => `${"(not ".repeat(levels - 1)}(= name "x")${")".repeat(levels - 1)}`;
    expect(() => lisp(nest(32))).not.toThrow();
    expect(fails(() => lisp(nest(33))).message).toMatch(/^q: filter is nested deeper than 32 levels/);
  });

  it("allows 1000 list values and refuses 1001", () => {
    const list = (n: number) => `(${Array.from({ length: n }, (_, i) => `"${i}"`).join(" ")})`;
    expect(() => lisp(`(in name ${list(1000)})`)).not.toThrow();
    expect(fails(() => lisp(`(has-any tags ${list(1001)})`)).message).toBe(
      "q: list has more than 1000 values at line 1, column 15",
    );
  });
});
