import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { parseContactQuery } from "../../src/query/parse-query.ts";
import { pageStatement } from "../../src/sql/page.ts";
import { bind, SqlWriter } from "../../src/sql/writer.ts";

/**
 * The statement is written by src/sql/writer.ts, whose text refers to a
 * parameter again by its number; Drizzle must render the `SQL` it hands the
 * database layer to exactly that text and those parameters.
 */
const dialect = new PgDialect();

/** What Drizzle hands the driver: the text and the parameters. */
function rendered(statement: SQL): { sql: string; params: unknown[] } {
  const { sql, params } = dialect.sqlToQuery(statement);
  return { sql, params };
}

const QUERIES = [
  { q: undefined, s: undefined },
  {
    q: `(and (= info.partner "AWS") (>= info.cosellPartnerMetrics.accountCount 3)
      (or (ilike email_address "%@acme.com") (has tags "vip") (= name "$1"))
      (not (in info.enrichedContactInfo.status ("archived" "stale")))
      (any info.cosellPartnerMetrics.accounts (and (= industry "Software") (> createdDate "2020-01-01"))))`,
    s: "info.partner:desc,name",
  },
  {
    q: '(or (= info.partner "AWS") (= info.partner "AWS") (has info.cosellPartnerMetrics.industries "go"))',
    s: undefined,
  },
];

describe("the contact query statement", () => {
  for (const { q, s } of QUERIES) {
    it(`renders through Drizzle to its own text and parameters: ${q?.slice(0, 40) ?? "(no filter)"}`, () => {
      const query = parseContactQuery({ q, qs: "lisp", s, ss: "simple", page_size: 20, page_number: 3 });
      const own = pageStatement("org_1", query).toQuery();
      expect(rendered(pageStatement("org_1", query).toSql())).toEqual(own);
      // Every placeholder in the text names a parameter, and every parameter is used.
      const used = new Set([...own.sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
      expect([...used].sort((a, b) => a - b)).toEqual(own.params.map((_, i) => i + 1));
    });
  }

  it("binds client values, never writes them into the text", () => {
    const query = parseContactQuery({
      q: `(or (= name "'; DROP TABLE contacts; --") (= info.cosellPartnerMetrics.pipeline.USD 1))`,
      qs: "lisp",
      ss: "simple",
      page_size: 20,
      page_number: 1,
    });
    const { sql, params } = pageStatement("org_'x", query).toQuery();
    expect(sql).not.toContain("DROP");
    expect(sql).not.toContain("USD");
    expect(sql).not.toContain("org_'x");
    expect(params).toContain("'; DROP TABLE contacts; --");
    // `=` on a number path is its containment alone (src/sql/containment.ts): the path is inside that parameter.
    expect(params).toContain('{"cosellPartnerMetrics":{"pipeline":{"USD":1}}}');
  });
});

describe("SqlWriter", () => {
  it("shares one parameter between equal values of the same cast", () => {
    const w = new SqlWriter();
    w.sql`SELECT ${bind("a", "text")}, ${bind("a", "text")}, ${bind("a", "jsonb")}`;
    w.sql`, ${bind(["a"], "text[]")}, ${bind(["a"], "text[]")}`;
    expect(w.toQuery()).toEqual({
      sql: "SELECT $1::text, $1::text, $2::jsonb, $3::text[], $3::text[]",
      params: ["a", "a", ["a"]],
    });
    expect(rendered(w.toSql())).toEqual(w.toQuery());
  });

  it("repeats written text without binding anything new", () => {
    const w = new SqlWriter();
    const start = w.length;
    w.sql`x = ${bind("1", "int8")}`;
    const text = w.since(start);
    w.sql` AND ${text}`;
    expect(w.toQuery()).toEqual({ sql: "x = $1::int8 AND x = $1::int8", params: ["1"] });
    expect(rendered(w.toSql())).toEqual(w.toQuery());
  });

  it("binds a placeholder taken ahead of its text, interpolated more than once", () => {
    const w = new SqlWriter();
    w.sql`SELECT ${bind("a", "text")}`;
    const path = w.placeholder(["b", "c"], "text[]");
    w.sql`, (x #> ${path}), (y #> ${path}), ${bind("d", "text")}`;
    expect(w.toQuery()).toEqual({
      sql: "SELECT $1::text, (x #> $2::text[]), (y #> $2::text[]), $3::text",
      params: ["a", ["b", "c"], "d"],
    });
    expect(rendered(w.toSql())).toEqual(w.toQuery());
  });

  it("refuses a placeholder whose text first appears after a parameter bound later", () => {
    const w = new SqlWriter();
    const early = w.placeholder("a", "text");
    w.sql`SELECT ${bind("b", "text")}, ${early}`;
    // Drizzle numbers parameters by where they first appear: $2 before $1 would swap them.
    expect(() => w.toSql()).toThrow(/first appear/);
  });
});

describe("containment hints", () => {
  const statement = (q: string) =>
    rendered(
      pageStatement("org_1", parseContactQuery({ q, qs: "lisp", ss: "simple", page_size: 20, page_number: 1 })).toSql(),
    );

  it("are written once per conjunct, not again for the enclosing and", () => {
    const { sql } = statement(
      '(and (= info.companyName "Acme") (= info.enrichedContactInfo.companyDomain "acme.com"))',
    );
    // One containment per equality, in the count and again in the page: 4 in all.
    expect(sql.match(/@>/g)?.length).toBe(4);
  });

  it("stand alone where they are the predicate itself, beside the exact predicate where only implied", () => {
    // `=` on a string path: the containment alone, no typed comparison.
    expect(statement('(= info.companyName "Acme")').sql).not.toContain("jsonb_typeof");
    // `any` over accounts with a date comparison inside: only implied, so the exact EXISTS stays.
    const implied = statement(
      '(any info.cosellPartnerMetrics.accounts (and (= domain "a.io") (> createdDate "2024-01-01")))',
    );
    expect(implied.sql).toContain("@>");
    expect(implied.sql).toContain("jsonb_array_elements");
  });

  it("are not written for a path with a b-tree of its own, whose typed comparison the b-tree decides", () => {
    const { sql } = statement('(= info.partner "ORACLE")');
    expect(sql).not.toContain("@>");
    expect(sql).toContain("jsonb_typeof");
  });
});
