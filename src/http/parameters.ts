/**
 * @module The request parameters the endpoints share, each declared once: how
 * it is validated in a query string and in a JSON body (zod/mini schemas,
 * messages written to follow the parameter's name: "page_size: must be …")
 * and how the OpenAPI document describes it. An endpoint lists the parameters
 * it takes (src/endpoints/*); its own parameters are declared beside it.
 *
 * A parameter given empty (`q=`, `"count": ""`, `"page_token": null`) is
 * absent, for every parameter of every endpoint alike: the endpoint factory
 * (endpoint.ts) drops it before validation.
 */
import * as z from "zod/mini";
import { COUNT_MODES, EXACT_COUNT_BOUND } from "../query/count.ts";
import { DEFAULT_PAGE_NUMBER, DEFAULT_PAGE_SIZE, LIMITS } from "../query/limits.ts";
import { SEARCHABLE_FIELDS } from "../query/search.ts";
import { DEFAULT_SORT_TEXT } from "../query/sort.ts";

export type JsonSchema = Record<string, unknown>;

export interface ParameterDoc {
  readonly description: string;
  /** The value's JSON Schema in a query string (what a generated client sends). */
  readonly schema: JsonSchema;
  /** Its JSON Schema in a JSON body, when it differs. */
  readonly bodySchema?: JsonSchema;
  /** Named examples for the query string (OpenAPI `examples`). */
  readonly examples?: Record<string, { summary: string; value: unknown }>;
  /** Examples in a body (JSON Schema `examples`). */
  readonly bodyExamples?: readonly unknown[];
  /** The endpoint cannot do without it. */
  readonly required?: boolean;
}

export interface Parameter {
  /** As a query string gives it: a string, or an array of strings when it is repeated. */
  readonly query: z.ZodMiniType;
  /** As a JSON body gives it. */
  readonly body: z.ZodMiniType;
  readonly doc: ParameterDoc;
}

/** The schema that validates an endpoint's query string (`query`) or JSON body (`body`). */
export function requestSchema(parameters: Record<string, Parameter>, form: "query" | "body") {
  return z.strictObject(
    Object.fromEntries(Object.entries(parameters).map(([name, parameter]) => [name, parameter[form]])),
    { error: "body: must be a JSON object" },
  );
}

/** The message of a query parameter given more than once. */
export const REPEATED = "given more than once";

/** Hono hands a repeated query parameter over as an array. */
const onceOr = (message: string) => (issue: { input?: unknown }) => (Array.isArray(issue.input) ? REPEATED : message);

/** A string in the query string, anything in a body (a `q` or `s` may be JSON there). */
function textParameter(doc: ParameterDoc, body: z.ZodMiniType = z.string({ error: "must be a string" })): Parameter {
  return { query: z.optional(z.string({ error: onceOr("must be a string") })), body: z.optional(body), doc };
}

/** One of `values`; `fallback` when absent, or absent (undefined) without one. */
export function choiceParameter<const V extends readonly [string, ...string[]]>(
  values: V,
  fallback: V[number] | undefined,
  description: string,
): Parameter {
  const quoted = values.map((value) => `'${value}'`);
  const message = `must be ${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
  const query = z.enum(values, { error: onceOr(message) });
  const body = z.enum(values, { error: message });
  return {
    query: fallback === undefined ? z.optional(query) : z._default(query, fallback),
    body: fallback === undefined ? z.optional(body) : z._default(body, fallback),
    doc: {
      description,
      schema: { type: "string", enum: [...values], ...(fallback === undefined ? {} : { default: fallback }) },
    },
  };
}

/** A whole number in `[min, max]`: digits in a query string, a number or digits in a body; `fallback` when absent. */
export function integerParameter(options: {
  min: number;
  max: number;
  fallback?: number;
  message: string;
  description: string;
}): Parameter {
  const { min, max, fallback, message, description } = options;
  const inRange = z
    .int({ error: message })
    .check(z.minimum(min, { error: message }), z.maximum(max, { error: message }));
  const digits = z.pipe(z.string().check(z.regex(/^\d{1,9}$/, { error: message })), z.transform(Number));
  const query = z.pipe(z.pipe(z.string({ error: onceOr(message) }), digits), inRange);
  const body = z.pipe(z.union([z.number(), digits], { error: message }), inRange);
  const schema: JsonSchema = {
    type: "integer",
    minimum: min,
    ...(max < Number.MAX_SAFE_INTEGER ? { maximum: max } : {}),
    ...(fallback === undefined ? {} : { default: fallback }),
  };
  return {
    query: fallback === undefined ? z.optional(query) : z._default(query, fallback),
    body: fallback === undefined ? z.optional(body) : z._default(body, fallback),
    doc: {
      description,
      schema,
      bodySchema: {
        anyOf: [schema, { type: "string", pattern: "^\\d{1,9}$" }],
        description: `${description} A number or a string of digits.`,
      },
    },
  };
}

/** A list of names: comma-separated text, or (in a body) a list of strings. */
export function namesParameter(doc: ParameterDoc): Parameter {
  return {
    query: z.optional(z.string({ error: onceOr("must be a string") })),
    body: z.optional(z.union([z.string(), z.array(z.string())], { error: "must be a string or a list of strings" })),
    doc: {
      ...doc,
      bodySchema: {
        anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }],
        description: `${doc.description} In a body, a list of names works too.`,
      },
    },
  };
}

const LANGUAGE = "The language reference is at /docs.";

export const q = textParameter(
  {
    description:
      "The filter, in the syntax named by `qs`. Absent (or empty) means every contact of the organization. " +
      "LISP: `(op arg ...)` with bare field names and JSON literals; JSON: the same tree as arrays " +
      `\`["op", arg, ...]\`. At most ${LIMITS.maxFilterBytes} bytes, ${LIMITS.maxFilterNodes} operators, ` +
      `${LIMITS.maxFilterDepth} levels, ${LIMITS.maxListValues} values per list. ${LANGUAGE}`,
    schema: { type: "string" },
    bodySchema: {
      anyOf: [
        { type: "string" },
        {
          type: "array",
          description: 'a JSON filter itself, with qs: "json"',
          items: { description: "the operator's name, then its arguments: field names, literals, nested filters" },
        },
      ],
      description: 'The filter, as in the query string; with `qs: "json"` it may be the JSON filter itself.',
    },
    examples: {
      lisp: { summary: "LISP filter (qs=lisp)", value: '(and (= info.partner "AWS") (has tags "vip"))' },
      lispAny: {
        summary: "LISP, inside an array of objects",
        value: '(any info.cosellPartnerMetrics.accounts (and (= industry "Software") (> createdDate "2024-01-01")))',
      },
      json: {
        summary: "JSON filter (qs=json)",
        value: '["and", ["=", "info.partner", "AWS"], ["in", "name", ["Ada Lovelace", "Grace Hopper"]]]',
      },
    },
    bodyExamples: ['(= name "Ada Lovelace")', ["=", "info.partner", "AWS"]],
  },
  z.unknown(),
);

export const qs = choiceParameter(["lisp", "json"], "lisp", "Syntax of `q`: `lisp` (default) or `json`.");

export const s = textParameter(
  {
    description:
      `The sort, in the syntax named by \`ss\`; default \`${DEFAULT_SORT_TEXT}\`. Any scalar field; nulls, missing and ` +
      `wrong-typed values sort last both ways; \`id\` ascending is always appended. At most ${LIMITS.maxSortKeys} keys.`,
    schema: { type: "string" },
    bodySchema: {
      anyOf: [{ type: "string" }, { type: "array", items: { type: "object" } }],
      description: 'The sort, as in the query string; with `ss: "json"` it may be the list itself.',
    },
    examples: {
      simple: { summary: "simple sort (ss=simple)", value: "-creation_time,name" },
      simpleLong: { summary: "the same, long form", value: "creation_time:desc,name:asc" },
      json: {
        summary: "JSON sort (ss=json)",
        value: '[{"field": "creation_time", "order": "desc"}, {"field": "name"}]',
      },
    },
    bodyExamples: ["-creation_time,name", [{ field: "name", order: "desc" }]],
  },
  z.unknown(),
);

export const ss = choiceParameter(
  ["simple", "json"],
  "simple",
  "Syntax of `s`: `simple` (default, `field[:asc|:desc]` or `-field`, comma-separated) or `json`.",
);

export const pageSize = integerParameter({
  min: 1,
  max: LIMITS.maxPageSize,
  fallback: DEFAULT_PAGE_SIZE,
  message: `must be an integer between 1 and ${LIMITS.maxPageSize}`,
  description: `Contacts per page, 1..${LIMITS.maxPageSize} (default ${DEFAULT_PAGE_SIZE}).`,
});

// No default here: given together with page_token it is a 400 (the language applies the default).
export const pageNumber = integerParameter({
  min: 1,
  max: Number.MAX_SAFE_INTEGER,
  message: "must be an integer >= 1",
  description: `1-based page (default ${DEFAULT_PAGE_NUMBER}); \`(page_number - 1) * page_size\` must not exceed ${LIMITS.maxOffset}.`,
});

export const pageToken = textParameter({
  description:
    "Continues a walk: the `next_page_token` of the previous page. `q`, `search` and `s` must mean the same as in the " +
    "request that returned it (any spelling); `page_size` may change; not together with `page_number`. A page " +
    "at any depth costs about what the first page costs, and no offset limit applies.",
  schema: { type: "string" },
});

export const count = choiceParameter(
  COUNT_MODES,
  "exact",
  "How `total_count` is computed: `exact` (default); `estimated` — exact up to " +
    `${EXACT_COUNT_BOUND.toLocaleString("en-US")} matches, an estimate of at least ` +
    `${(EXACT_COUNT_BOUND + 1).toLocaleString("en-US")} above; \`none\` — no counting, \`total_count\` is \`null\`.`,
);

export const fields = namesParameter({
  description:
    `Comma-separated fields each contact holds, at most ${LIMITS.maxFields}, besides \`id\`: columns (by name or ` +
    "response key), `info` (the whole document) or `info.<path>` (kept nested as in the document; a path missing " +
    "from a document is left out). Default: whole contacts.",
  schema: { type: "string" },
  examples: { projection: { summary: "a projection", value: "name,email_address,info.partner" } },
  bodyExamples: ["name,email_address,info.partner", ["name", "info.cosellPartnerMetrics.accountCount"]],
});

export const search = textParameter({
  description:
    "Words to find, as a CRM's search box does; combined with `q` by AND. A contact matches when every word is " +
    "the beginning of some word of its searchable text (different words may match different fields): `ada lov` " +
    "finds Ada Lovelace, `acme` finds ada@acme.com, `velace` does not. Case, accents (U+0300–U+036F after NFD) " +
    "and punctuation do not matter; a word is a run of letters and digits. Searchable: " +
    `${SEARCHABLE_FIELDS.map((name) => `\`${name}\``).join(", ")} (string values only). At most ` +
    `${LIMITS.maxSearchCharacters} characters and ${LIMITS.maxSearchWords} words; no ranking: results come in the ` +
    "order of `s`. Words of one or two letters match a large share of the contacts and cost more: a search box " +
    "should wait for the third letter. Part of the cache key and of a page token's binding; a blank value means absent.",
  schema: { type: "string", maxLength: LIMITS.maxSearchCharacters },
  examples: {
    name: { summary: "a name, two words", value: "ada lov" },
    email: { summary: "a domain, from an e-mail address", value: "acme.com" },
  },
  bodyExamples: ["ada lov"],
});
