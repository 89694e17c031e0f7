import { describe, expect, it } from "vitest";
import { canonicalForms } from "../../src/query/canonical.ts";
import { parseFilter } from "../../src/query/parse-query.ts";
import { printLisp, toJsonFilter } from "../../src/query/print.ts";
import { parseSearch, SEARCH_NODE_NAME, withSearch, wordsOf } from "../../src/query/search.ts";
import { parseSimpleSort } from "../../src/query/sort.ts";
import { queryErrorOf } from "../support/query-error.ts";

/** `search=` in the language: words, the node's canonical words, the limits, and how the node prints. */
describe("search words", () => {
  it("folds case, accents and punctuation away, and keeps letters without a decomposition", () => {
    expect(wordsOf("Ada  Lovelace")).toEqual(["ada", "lovelace"]);
    expect(wordsOf("ada,lovelace")).toEqual(["ada", "lovelace"]);
    expect(wordsOf("ÁDA lovelace")).toEqual(["ada", "lovelace"]);
    expect(wordsOf("Søren Łukasz STRAẞE")).toEqual(["søren", "łukasz", "straße"]);
    expect(wordsOf("ada.lovelace+crm@acme.io")).toEqual(["ada", "lovelace", "crm", "acme", "io"]);
    // lower() maps Σ to σ wherever it stands (toLowerCase would end the word with ς).
    expect(wordsOf("ΟΔΟΣ")).toEqual(["οδοσ"]);
    expect(wordsOf("x²·٣")).toEqual(["x²", "٣"]);
  });

  it("gives one node per meaning: order, repeats and words another begins with do not count", () => {
    const node = parseSearch("Lovelace, ADA ada ad");
    expect(node).toEqual({ op: "search", words: ["ada", "lovelace"] });
    expect(parseSearch("ada lovelace")).toEqual(node);
    expect(parseSearch("lov lovelace l")).toEqual({ op: "search", words: ["lovelace"] });
    // A prefix of a word only when it is one: "ad" and "da" are both kept.
    expect(parseSearch("ad da")).toEqual({ op: "search", words: ["ad", "da"] });
  });

  it("is absent when empty or blank, and a 400 naming search otherwise", () => {
    expect(parseSearch(undefined)).toBeNull();
    expect(parseSearch(" \t ")).toBeNull();
    const long = queryErrorOf(() => parseSearch("a".repeat(201)));
    expect([long.param, long.code, long.message]).toEqual([
      "search",
      "limit",
      "search: text is 201 characters long; at most 200 are allowed",
    ]);
    expect(parseSearch(`${"😀".repeat(100)}a`)).toEqual({ op: "search", words: ["a"] });
    expect(queryErrorOf(() => parseSearch("1 2 3 4 5 6 7 8 9")).message).toBe(
      "search: text has 9 words; at most 8 are allowed",
    );
    expect(parseSearch("1 2 3 4 5 6 7 8")?.words).toHaveLength(8);
    const none = queryErrorOf(() => parseSearch("-- !"));
    expect([none.code, none.message]).toEqual([
      "invalid-value",
      "search: text has no word to search for (a word is letters and digits)",
    ]);
  });
});

describe("the search node", () => {
  const search = parseSearch("ada lov");
  const filter = parseFilter('(= info.partner "AWS")', "lisp");

  it("is ANDed onto the filter, last, and prints under a name no parser accepts", () => {
    expect(withSearch(null, null)).toBeNull();
    expect(withSearch(filter, null)).toBe(filter);
    expect(withSearch(null, search)).toBe(search);
    const both = withSearch(filter, search);
    expect(toJsonFilter(both as NonNullable<typeof both>)).toEqual([
      "and",
      ["=", "info.partner", "AWS"],
      [SEARCH_NODE_NAME, "ada", "lov"],
    ]);
    expect(printLisp([SEARCH_NODE_NAME, "ada", "lov"])).toBe('($search "ada" "lov")');
    for (const [text, syntax] of [
      ['($search "ada")', "lisp"],
      ['["$search", "ada"]', "json"],
    ] as const) {
      expect(queryErrorOf(() => parseFilter(text, syntax)).code).toBe("unknown-operator");
    }
  });

  it("is part of the count's, the token's and the page's canonical forms", () => {
    const query = { sort: parseSimpleSort("-creation_time"), pageSize: 20, pageNumber: 1 };
    const plain = canonicalForms({ ...query, filter });
    const searched = canonicalForms({ ...query, filter: withSearch(filter, search) });
    expect(searched.filter).not.toBe(plain.filter);
    expect(searched.selection).not.toBe(plain.selection);
    expect(searched.page).not.toBe(plain.page);
    expect(searched.filter).toContain('["$search","ada","lov"]');
  });
});
