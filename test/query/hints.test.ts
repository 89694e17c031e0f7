import { describe, expect, it } from "vitest";
import { parseFacetFields } from "../../src/query/facets.ts";
import { CONTACT_SCOPE, suggestField } from "../../src/query/field-registry.ts";
import { parseContactQuery, type QueryInput } from "../../src/query/parse-query.ts";
import { parseProjection } from "../../src/query/projection.ts";
import type { Position, QueryError } from "../../src/query/query-error.ts";
import { queryErrorOf } from "../support/query-error.ts";

/**
 * The hints for the common mistakes, as the language raises them: each
 * error's code, parameter, position and hint, and the message that holds
 * the hint in parentheses before the position.
 */
function refusal(fields: Partial<QueryInput>): QueryError {
  return queryErrorOf(() => parseContactQuery({ qs: "lisp", ss: "simple", page_size: 20, ...fields }));
}

interface Expected {
  code: QueryError["code"];
  param?: string;
  position?: Position;
  hint: string | undefined;
}

function expectRefusal(error: QueryError, { code, param = "q", position, hint }: Expected) {
  expect({ code: error.code, param: error.param, position: error.position, hint: error.hint }).toEqual({
    code,
    param,
    position,
    hint,
  });
  if (hint) expect(error.message).toContain(` (${hint})${position ? " at " : ""}`);
  else expect(error.message).not.toMatch(/\(did you mean|write the operator/);
}

const at = (column: number, line = 1) => ({ line, column });

describe("a filter that is not one parenthesised expression", () => {
  const cases: [string, Position, string][] = [
    ['name = "Ada"', at(6), 'write the operator first: (= name "Ada")'],
    ['name="Ada"', at(6), 'write the operator first: (= name "Ada")'],
    ['name == "Ada"', at(6), 'write the operator first: (= name "Ada")'],
    ["name = 'Ada'", at(6), 'write the operator first: (= name "Ada")'],
    [
      "info.cosellPartnerMetrics.accountCount >= 3",
      at(40),
      "write the operator first: (>= info.cosellPartnerMetrics.accountCount 3)",
    ],
    ['name LIKE "Ada%"', at(6), 'write the operator first: (LIKE name "Ada%")'],
    ['tags has "vip"', at(6), 'write the operator first: (has tags "vip")'],
    ["email_address exists", at(15), "write the operator first: (exists email_address)"],
    ['name in ("Ada" "Bob")', at(6), 'write the operator first: (in name ("Ada" "Bob"))'],
    ['(= name "Ada") and (= name "Bob")', at(16), 'write the operator first: (and (= name "Ada") (= name "Bob"))'],
    [
      '(= name "Ada")\nOR (= name "Bob") or (exists tags)',
      at(1, 2),
      'write the operator first: (OR (= name "Ada") (= name "Bob") (exists tags))',
    ],
    ['(= name "Ada") (= name "Bob")', at(16), "a filter is one expression: combine filters with (and ...) or (or ...)"],
  ];
  for (const [q, position, hint] of cases) {
    it(`${q} → ${hint}`, () => {
      expectRefusal(refusal({ q }), { code: "syntax", position, hint });
    });
  }

  it("inside parentheses, the operator in second place", () => {
    expectRefusal(refusal({ q: '(name = "Ada")' }), {
      code: "unknown-operator",
      position: at(2),
      hint: 'write the operator first: (= name "Ada")',
    });
    expectRefusal(refusal({ q: '((= name "a") and (= name "b"))' }), {
      code: "syntax",
      position: at(2),
      hint: 'write the operator first: (and (= name "a") (= name "b"))',
    });
  });

  it("in JSON, the same, in JSON", () => {
    expectRefusal(refusal({ q: '["name", "=", "Ada"]', qs: "json" }), {
      code: "unknown-operator",
      position: { pointer: "/0" },
      hint: 'write the operator first: ["=", "name", "Ada"]',
    });
    expectRefusal(refusal({ q: ["info.partner", "!=", "AWS"], qs: "json" }), {
      code: "unknown-operator",
      position: { pointer: "/0" },
      hint: 'write the operator first: ["!=", "info.partner", "AWS"]',
    });
  });

  it("no hint when the tokens read as nothing known: the operator is unknown, or its arguments do not fit", () => {
    expectRefusal(refusal({ q: 'name is "Ada"' }), { code: "syntax", position: at(6), hint: undefined });
    expectRefusal(refusal({ q: 'name between "a"' }), { code: "syntax", position: at(6), hint: undefined });
    expectRefusal(refusal({ q: "and or" }), { code: "syntax", position: at(5), hint: undefined });
  });

  it("quotes at most 100 characters of the client's tokens", () => {
    const long = "x".repeat(5000);
    const error = refusal({ q: `name = "${long}"` });
    expect(error.hint).toBe(`write the operator first: (= name "${"x".repeat(91)}…`);
    expect(error.message.length).toBeLessThan(300);
  });
});

describe("text in the other syntax", () => {
  it("JSON under qs=lisp suggests qs=json", () => {
    expectRefusal(refusal({ q: '["=", "name", "Ada"]' }), {
      code: "syntax",
      position: at(2),
      hint: "this is JSON: add qs=json",
    });
    expectRefusal(refusal({ q: ' {"op": "="}' }), {
      code: "syntax",
      position: at(3),
      hint: "this is JSON: add qs=json",
    });
  });

  it("a JSON filter in a POST body under qs lisp suggests qs json", () => {
    expectRefusal(refusal({ q: ["=", "name", "Ada"] }), {
      code: "type",
      hint: 'for a JSON filter, send "qs": "json"',
    });
  });

  it("LISP under qs=json suggests dropping it", () => {
    expectRefusal(refusal({ q: '(= name "Ada")', qs: "json" }), {
      code: "syntax",
      position: at(1),
      hint: "this is LISP: drop qs=json (qs=lisp is the default)",
    });
  });

  it("a sort in the other syntax than ss names", () => {
    expectRefusal(refusal({ s: '[{"field": "name"}]' }), {
      code: "syntax",
      param: "s",
      position: at(1),
      hint: "this is JSON: add ss=json",
    });
    expectRefusal(refusal({ s: "-name", ss: "json" }), {
      code: "syntax",
      param: "s",
      position: at(1),
      hint: "this is a simple sort: drop ss=json (ss=simple is the default)",
    });
  });
});

describe("a dotted path through an array of objects", () => {
  it("shows the any form, with the operator and the values used", () => {
    expectRefusal(refusal({ q: '(= info.cosellPartnerMetrics.accounts.industry "Software")' }), {
      code: "unknown-field",
      position: at(4),
      hint:
        "'info.cosellPartnerMetrics.accounts' is an array of objects; filter its elements with any: " +
        '(any info.cosellPartnerMetrics.accounts (= industry "Software"))',
    });
  });

  it("nests any for each array on the way, in the syntax used", () => {
    expectRefusal(refusal({ q: '(in info.cosellPartnerMetrics.accounts.opportunities.stageName ("Closed Won"))' }), {
      code: "unknown-field",
      position: at(5),
      hint:
        "'info.cosellPartnerMetrics.accounts' is an array of objects; filter its elements with any: " +
        '(any info.cosellPartnerMetrics.accounts (any opportunities (in stageName ("Closed Won"))))',
    });
    expectRefusal(refusal({ q: '["ilike", "info.cosellPartnerMetrics.oppOwners.email", "%@acme.com"]', qs: "json" }), {
      code: "unknown-field",
      position: { pointer: "/1" },
      hint:
        "'info.cosellPartnerMetrics.oppOwners' is an array of objects; filter its elements with any: " +
        '["any", "info.cosellPartnerMetrics.oppOwners", ["ilike", "email", "%@acme.com"]]',
    });
  });

  it("inside any, for the element's own arrays", () => {
    expectRefusal(refusal({ q: '(any info.cosellPartnerMetrics.accounts (= opportunities.stageName "Won"))' }), {
      code: "unknown-field",
      position: at(44),
      hint: "'opportunities' is an array of objects; filter its elements with any: (any opportunities (= stageName \"Won\"))",
    });
  });

  it("with the element field it most likely means", () => {
    expectRefusal(refusal({ q: '(= info.cosellPartnerMetrics.accounts.industri "x")' }), {
      code: "unknown-field",
      position: at(4),
      hint:
        "'info.cosellPartnerMetrics.accounts' is an array of objects; filter its elements with any: " +
        '(any info.cosellPartnerMetrics.accounts (= industry "x"))',
    });
  });

  it("a sort or facet through an array gets no misleading suggestion; a projection gets the array", () => {
    expect(refusal({ s: "info.cosellPartnerMetrics.accounts.industry" }).hint).toBeUndefined();
    expect(queryErrorOf(() => parseFacetFields("info.cosellPartnerMetrics.accounts.industry")).hint).toBeUndefined();
    expect(queryErrorOf(() => parseProjection("info.cosellPartnerMetrics.accounts.industry")).hint).toBe(
      "did you mean 'info.cosellPartnerMetrics.accounts'?",
    );
  });
});

describe("an unknown name, matched against fields and response keys", () => {
  const cases: [string, string][] = [
    ["emial", "email_address"],
    ["email", "email_address"],
    ["mail", "email_address"],
    ["Email_Address", "email_address"],
    ["EMAILADDRESS", "emailAddress"],
    ["nme", "name"],
    ["creationtime", "creationTime"],
    ["partner", "info.partner"],
    ["companyName", "info.companyName"],
    ["cosellPartnerMetrics.accountCount", "info.cosellPartnerMetrics.accountCount"],
    ["accountCount", "info.cosellPartnerMetrics.accountCount"],
    ["seniorty", "info.enrichedContactInfo.info.seniority"],
    ["enrichedContactInfo.seniority", "info.enrichedContactInfo.info.seniority"],
    ["info.Partner", "info.partner"],
    ["info.companyNam", "info.companyName"],
    ["info.cosellPartnerMetrics.pipeline.eur", "info.cosellPartnerMetrics.pipeline.EUR"],
    ["info.cosellPartnerMetrics.closedWonAmount.gbp", "info.cosellPartnerMetrics.closedWonAmount.GBP"],
    ["info.cosellpartnermetrics.accountcount", "info.cosellPartnerMetrics.accountCount"],
  ];
  for (const [name, suggestion] of cases) {
    it(`${name} → ${suggestion}`, () => {
      expect(suggestField(name, CONTACT_SCOPE)).toBe(suggestion);
      expectRefusal(refusal({ q: `(exists ${name})` }), {
        code: "unknown-field",
        position: at(9),
        hint: `did you mean '${suggestion}'?`,
      });
    });
  }

  it("a sort suggests a sortable field, a facet a facetable one", () => {
    expectRefusal(refusal({ s: "-emial" }), {
      code: "unknown-field",
      param: "s",
      position: at(1),
      hint: "did you mean 'email_address'?",
    });
    expect(queryErrorOf(() => parseFacetFields("name,partner")).hint).toBe("did you mean 'info.partner'?");
    expect(queryErrorOf(() => parseProjection("name,inf")).hint).toBe("did you mean 'info'?");
  });
});

describe("literals", () => {
  it("an enumerated value in the wrong case is a 400 suggesting the documented one", () => {
    expectRefusal(refusal({ q: '(= info.partner "aws")' }), {
      code: "invalid-value",
      position: at(17),
      hint: 'did you mean "AWS"?',
    });
    expectRefusal(refusal({ q: '(not-in info.enrichedContactInfo.status ("stale" "Active"))' }), {
      code: "invalid-value",
      position: at(50),
      hint: 'did you mean "active"?',
    });
    expectRefusal(refusal({ q: '["!=", "info.partner", "Aws_China"]', qs: "json" }), {
      code: "invalid-value",
      position: { pointer: "/2" },
      hint: 'did you mean "AWS_CHINA"?',
    });
    expect(refusal({ q: '(= info.partner "aws")' }).message).toBe(
      'q: "aws" is not a value of \'info.partner\', whose values are case-sensitive (did you mean "AWS"?) at line 1, column 17',
    );
  });

  it("any other value of an enumerated field is answered, and ordered comparisons take any text", () => {
    for (const q of [
      '(= info.partner "NEWCLOUD")',
      '(in info.partner ("AWS" "newcloud"))',
      '(> info.partner "aws")',
      '(between info.partner "a" "m")',
      '(ilike info.partner "aws")',
      '(= info.enrichedContactInfo.status "pending")',
    ]) {
      expect(() => parseContactQuery({ q, qs: "lisp", ss: "simple", page_size: 20 }), q).not.toThrow();
    }
  });

  it("a fraction for an integer field is a 400; a whole number written with a fraction or exponent is not", () => {
    const error = refusal({ q: "(= info.cosellPartnerMetrics.accountCount 1.5)" });
    expectRefusal(error, { code: "type", position: at(43), hint: undefined });
    expect(error.message).toBe(
      "q: 'info.cosellPartnerMetrics.accountCount' is an integer field; '=' expects a whole number, found 1.5 at line 1, column 43",
    );
    expectRefusal(refusal({ q: '["between", "info.cosellPartnerMetrics.closedWonCount", 1, 2.25]', qs: "json" }), {
      code: "type",
      position: { pointer: "/3" },
      hint: undefined,
    });
    for (const q of [
      "(= info.cosellPartnerMetrics.accountCount 1.0)",
      "(> info.cosellPartnerMetrics.accountCount 1e2)",
      "(> info.cosellPartnerMetrics.successRate 1.5)",
    ]) {
      expect(() => parseContactQuery({ q, qs: "lisp", ss: "simple", page_size: 20 }), q).not.toThrow();
    }
  });
});

describe("pages", () => {
  it("page_number past the offset limit points to page_token", () => {
    expectRefusal(refusal({ page_number: 5002 }), {
      code: "limit",
      param: "page_number",
      hint: "to go deeper, send each answer's next_page_token as page_token: pages by token have no depth limit",
    });
  });
});
