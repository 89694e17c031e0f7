import { DEFAULT_PAGE_NUMBER, DEFAULT_PAGE_SIZE, LIMITS } from "../query/limits.ts";
import { DEFAULT_SORT_TEXT } from "../query/sort.ts";
import { EXACT_COUNT_BOUND } from "../sql/contact-query-sql.ts";

/**
 * Descriptions and examples of the request parameters, attached with `.meta()`
 * to the zod schemas in src/http/request-schema.ts — the same schemas the
 * validator uses — and turned into the OpenAPI document by @hono/zod-openapi.
 */
const LANGUAGE = "See docs/query-language.md for every operator, field and rule.";

const filterExamples = {
  lisp: { summary: "LISP filter (qs=lisp)", value: '(and (= info.partner "AWS") (has tags "vip"))' },
  lispAny: {
    summary: "LISP, inside an array of objects",
    value: '(any info.cosellPartnerMetrics.accounts (and (= industry "Software") (> createdDate "2024-01-01")))',
  },
  json: {
    summary: "JSON filter (qs=json)",
    value: '["and", ["=", "info.partner", "AWS"], ["in", "name", ["Ada Lovelace", "Grace Hopper"]]]',
  },
};

const sortExamples = {
  simple: { summary: "simple sort (ss=simple)", value: "-creation_time,name" },
  simpleLong: { summary: "the same, long form", value: "creation_time:desc,name:asc" },
  json: { summary: "JSON sort (ss=json)", value: '[{"field": "creation_time", "order": "desc"}, {"field": "name"}]' },
};

export const parameterDocs = {
  q: {
    description:
      `The filter, in the syntax named by \`qs\`. Absent (or empty) means every contact of the organization. ` +
      `LISP: \`(op arg ...)\` with bare field names and JSON literals; JSON: the same tree as arrays ` +
      `\`["op", arg, ...]\`. At most ${LIMITS.maxFilterBytes} bytes, ${LIMITS.maxFilterNodes} operators, ` +
      `${LIMITS.maxFilterDepth} levels, ${LIMITS.maxListValues} values per list. ${LANGUAGE}`,
    param: { examples: filterExamples },
  },
  qs: { description: "Syntax of `q`: `lisp` (default) or `json`." },
  s: {
    description:
      `The sort, in the syntax named by \`ss\`; default \`${DEFAULT_SORT_TEXT}\`. Any scalar field; nulls, missing and ` +
      `wrong-typed values sort last both ways; \`id\` ascending is always appended. At most ${LIMITS.maxSortKeys} keys.`,
    param: { examples: sortExamples },
  },
  ss: { description: "Syntax of `s`: `simple` (default, `field[:asc|:desc]` or `-field`, comma-separated) or `json`." },
  // The validator reads the digits a client sends in the query string; the
  // document says what they carry (an integer), so generated clients send numbers.
  page_size: {
    description: `Contacts per page, 1..${LIMITS.maxPageSize} (default ${DEFAULT_PAGE_SIZE}).`,
    type: "integer",
    minimum: 1,
    maximum: LIMITS.maxPageSize,
    default: DEFAULT_PAGE_SIZE,
    param: { example: DEFAULT_PAGE_SIZE },
  },
  page_number: {
    description: `1-based page (default ${DEFAULT_PAGE_NUMBER}); \`(page_number - 1) * page_size\` must not exceed ${LIMITS.maxOffset}.`,
    type: "integer",
    minimum: 1,
    default: DEFAULT_PAGE_NUMBER,
    param: { example: DEFAULT_PAGE_NUMBER },
  },
  page_token: {
    description:
      "Continues a walk: the `next_page_token` of the previous page. `q` and `s` must mean the same as in the " +
      "request that returned it (any spelling); `page_size` may change; not together with `page_number`. A page " +
      "at any depth costs about what the first page costs, and no offset limit applies.",
  },
  count: {
    description:
      "How `total_count` is computed: `exact` (default); `estimated` — exact up to " +
      `${EXACT_COUNT_BOUND.toLocaleString("en-US")} matches, an estimate of at least ` +
      `${(EXACT_COUNT_BOUND + 1).toLocaleString("en-US")} above; \`none\` — no counting, \`total_count\` is \`null\`.`,
  },
  fields: {
    description:
      `Comma-separated fields each contact holds, at most ${LIMITS.maxFields}, besides \`id\`: columns (by name or ` +
      "response key), `info` (the whole document) or `info.<path>` (kept nested as in the document; a path missing " +
      "from a document is left out). Default: whole contacts.",
    param: { example: "name,email_address,info.partner" },
  },
};

const nullable = (...types: object[]) => ({ anyOf: [...types, { type: "null" }] });

export const bodyDocs = {
  q: {
    ...nullable(
      { type: "string" },
      {
        type: "array",
        description: "a JSON filter itself, with qs: json",
        items: { description: "the operator's name, then its arguments: field names, literals, nested filters" },
      },
    ),
    description: `${parameterDocs.q.description} In a body, with \`qs: "json"\` the filter may be given as JSON directly; \`null\` means absent.`,
    examples: ['(= name "Ada Lovelace")', ["=", "info.partner", "AWS"]],
  },
  s: {
    ...nullable({ type: "string" }, { type: "array", items: { type: "object" } }),
    description: `${parameterDocs.s.description} In a body, with \`ss: "json"\` the list may be given directly; \`null\` means absent.`,
    examples: ["-creation_time,name", [{ field: "name", order: "desc" }]],
  },
  page_size: {
    description: `${parameterDocs.page_size.description} A number or a string of digits.`,
    default: DEFAULT_PAGE_SIZE,
    examples: [DEFAULT_PAGE_SIZE],
  },
  page_number: {
    description: `${parameterDocs.page_number.description} A number or a string of digits.`,
    default: DEFAULT_PAGE_NUMBER,
    examples: [DEFAULT_PAGE_NUMBER],
  },
  fields: {
    ...nullable({ type: "string" }, { type: "array", items: { type: "string" } }),
    description: `${parameterDocs.fields.description} In a body, a list of names works too; \`null\` means absent.`,
    examples: ["name,email_address,info.partner", ["name", "info.cosellPartnerMetrics.accountCount"]],
  },
};
