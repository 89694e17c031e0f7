import { describe, expect, it } from "vitest";
import { ORG_ALPHA } from "../fixtures/contacts.ts";
import { keyFor, query } from "../support/http.ts";
import { bothForms, type Expected, type Send, sending } from "../support/problem.ts";

/**
 * The hints for the common mistakes through the Worker: each in the string
 * body (in parentheses, before the position) and in problem details' `hint`,
 * with the error's code, parameter and position — for a GET in each filter
 * syntax and for a POST body.
 */
const auth = { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` };
const QUERY = `/org/${ORG_ALPHA}/contact/query`;
const get = (params: Record<string, string>) => sending(`${QUERY}?${new URLSearchParams(params)}`, { headers: auth });
const post = (body: unknown) =>
  sending(QUERY, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

const at = (column: number, line = 1) => ({ line, column });
const ANY_INDUSTRY =
  "'info.cosellPartnerMetrics.accounts' is an array of objects; filter its elements with any: " +
  '(any info.cosellPartnerMetrics.accounts (= industry "Software"))';

const cases: [string, Send, Expected, string][] = [
  [
    "a filter that is not a parenthesised expression",
    get({ q: 'name = "Ada"' }),
    {
      status: 400,
      code: "syntax_error",
      param: "q",
      position: at(6),
      hint: 'write the operator first: (= name "Ada")',
    },
    'q: unexpected content after the expression (write the operator first: (= name "Ada")) at line 1, column 6',
  ],
  [
    "an infix filter inside parentheses",
    get({ q: "(info.cosellPartnerMetrics.accountCount >= 3)" }),
    {
      status: 400,
      code: "unknown_operator",
      param: "q",
      position: at(2),
      hint: "write the operator first: (>= info.cosellPartnerMetrics.accountCount 3)",
    },
    "q: unknown operator 'info.cosellPartnerMetrics.accountCount' (write the operator first: (>= info.cosellPartnerMetrics.accountCount 3)) at line 1, column 2",
  ],
  [
    "an infix JSON filter",
    get({ q: '["name", "=", "Ada"]', qs: "json" }),
    {
      status: 400,
      code: "unknown_operator",
      param: "q",
      position: { pointer: "/0" },
      hint: 'write the operator first: ["=", "name", "Ada"]',
    },
    'q: unknown operator \'name\' (write the operator first: ["=", "name", "Ada"]) at /0',
  ],
  [
    "JSON text under qs=lisp",
    get({ q: '["=", "name", "Ada"]' }),
    { status: 400, code: "syntax_error", param: "q", position: at(2), hint: "this is JSON: add qs=json" },
    "q: unexpected content after the expression (this is JSON: add qs=json) at line 1, column 2",
  ],
  [
    "LISP text under qs=json",
    get({ q: '(= name "Ada")', qs: "json" }),
    {
      status: 400,
      code: "syntax_error",
      param: "q",
      position: at(1),
      hint: "this is LISP: drop qs=json (qs=lisp is the default)",
    },
    "q: unexpected character '(' (this is LISP: drop qs=json (qs=lisp is the default)) at line 1, column 1",
  ],
  [
    "a POST body whose q is a JSON filter under qs lisp",
    post({ q: ["=", "name", "Ada"] }),
    { status: 400, code: "type_mismatch", param: "q", hint: 'for a JSON filter, send "qs": "json"' },
    `q: must be a string when qs is 'lisp' (for a JSON filter, send "qs": "json")`,
  ],
  [
    "a dotted path through an array of objects",
    get({ q: '(= info.cosellPartnerMetrics.accounts.industry "Software")' }),
    { status: 400, code: "unknown_field", param: "q", position: at(4), hint: ANY_INDUSTRY },
    `q: unknown field 'info.cosellPartnerMetrics.accounts.industry' (${ANY_INDUSTRY}) at line 1, column 4`,
  ],
  [
    "the same in a POST body's JSON filter",
    post({ q: ["=", "info.cosellPartnerMetrics.accounts.industry", "Software"], qs: "json" }),
    {
      status: 400,
      code: "unknown_field",
      param: "q",
      position: { pointer: "/1" },
      hint:
        "'info.cosellPartnerMetrics.accounts' is an array of objects; filter its elements with any: " +
        '["any", "info.cosellPartnerMetrics.accounts", ["=", "industry", "Software"]]',
    },
    "q: unknown field 'info.cosellPartnerMetrics.accounts.industry' ('info.cosellPartnerMetrics.accounts' is an " +
      'array of objects; filter its elements with any: ["any", "info.cosellPartnerMetrics.accounts", ["=", ' +
      '"industry", "Software"]]) at /1',
  ],
  [
    "an unknown name matched by a word of a field",
    get({ q: '(= emial "ada@example.com")' }),
    { status: 400, code: "unknown_field", param: "q", position: at(4), hint: "did you mean 'email_address'?" },
    "q: unknown field 'emial' (did you mean 'email_address'?) at line 1, column 4",
  ],
  [
    "an unknown name that is a key of info",
    get({ s: "partner" }),
    { status: 400, code: "unknown_field", param: "s", position: at(1), hint: "did you mean 'info.partner'?" },
    "s: unknown field 'partner' (did you mean 'info.partner'?) at line 1, column 1",
  ],
  [
    "a currency key in the wrong case",
    get({ q: "(> info.cosellPartnerMetrics.pipeline.eur 1000)" }),
    {
      status: 400,
      code: "unknown_field",
      param: "q",
      position: at(4),
      hint: "did you mean 'info.cosellPartnerMetrics.pipeline.EUR'?",
    },
    "q: unknown field 'info.cosellPartnerMetrics.pipeline.eur' (did you mean 'info.cosellPartnerMetrics.pipeline.EUR'?) at line 1, column 4",
  ],
  [
    "an enumerated value in the wrong case",
    get({ q: '(= info.partner "aws")' }),
    { status: 400, code: "invalid_value", param: "q", position: at(17), hint: 'did you mean "AWS"?' },
    'q: "aws" is not a value of \'info.partner\', whose values are case-sensitive (did you mean "AWS"?) at line 1, column 17',
  ],
  [
    "an enumerated value in the wrong case, in a JSON list",
    get({ q: '["in", "info.enrichedContactInfo.status", ["stale", "ACTIVE"]]', qs: "json" }),
    { status: 400, code: "invalid_value", param: "q", position: { pointer: "/2/1" }, hint: 'did you mean "active"?' },
    'q: "ACTIVE" is not a value of \'info.enrichedContactInfo.status\', whose values are case-sensitive (did you mean "active"?) at /2/1',
  ],
  [
    "page_number beyond the offset limit",
    get({ page_number: "5002" }),
    {
      status: 400,
      code: "limit_exceeded",
      param: "page_number",
      hint: "to go deeper, send each answer's next_page_token as page_token: pages by token have no depth limit",
    },
    "page_number: (page_number - 1) * page_size must not exceed 100000 (to go deeper, send each answer's " +
      "next_page_token as page_token: pages by token have no depth limit)",
  ],
  [
    "an invalid page_token",
    get({ page_token: "eyJvIjoieCJ9.c2ln" }),
    {
      status: 400,
      code: "invalid_page_token",
      param: "page_token",
      hint: "start the walk again without page_token",
    },
    "page_token: invalid (start the walk again without page_token)",
  ],
  [
    "a fraction for an integer field",
    get({ q: "(= info.cosellPartnerMetrics.accountCount 1.5)" }),
    { status: 400, code: "type_mismatch", param: "q", position: at(43), hint: null },
    "q: 'info.cosellPartnerMetrics.accountCount' is an integer field; '=' expects a whole number, found 1.5 at line 1, column 43",
  ],
];

describe("hints for the common mistakes, in the string body and in problem details", () => {
  for (const [what, send, expected, message] of cases) {
    it(what, async () => {
      const { plain } = await bothForms(send, expected);
      expect(plain).toBe(message);
    });
  }
});

describe("what is still answered", () => {
  it("an enumerated field's other values, and ordered comparisons in any case", async () => {
    for (const q of ['(= info.partner "NEWCLOUD")', '(> info.partner "aws")', '(= info.partner "AWS")']) {
      const response = await query(ORG_ALPHA, { q });
      expect(response.status, q).toBe(200);
    }
  });

  it("a whole number on an integer field, however written", async () => {
    for (const q of [
      "(= info.cosellPartnerMetrics.accountCount 3.0)",
      "(< info.cosellPartnerMetrics.accountCount 1e1)",
    ]) {
      const response = await query(ORG_ALPHA, { q });
      expect(response.status, q).toBe(200);
    }
  });

  it("the any form a hint shows", async () => {
    const response = await query(ORG_ALPHA, {
      q: '(any info.cosellPartnerMetrics.accounts (= industry "Software"))',
    });
    expect(response.status).toBe(200);
  });
});
