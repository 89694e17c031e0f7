import { createRoute, z } from "@hono/zod-openapi";
import { limitBody, requireApiKey, requireJsonBody } from "../http/query-route.ts";
import { contactQueryBody, contactQueryParams } from "../http/request-schema.ts";
import { LIMITS } from "../query/limits.ts";
import { ContactPage, ErrorMessage, FieldCatalog } from "./schemas.ts";

/**
 * The API's routes as OpenAPI route definitions. `app.openapi(route, handler)`
 * (src/app.ts) both registers them in the document and validates requests with
 * the very zod schemas the document is generated from.
 */
export const QUERY_PATH = "/org/{orgId}/contact/query";
export const FIELDS_PATH = "/org/{orgId}/contact/fields";

const OrgParams = z.object({
  orgId: z.string().meta({
    description: "The organization; the API key must belong to it (403 otherwise).",
    param: { example: "org_demo_acme" },
  }),
});

const security = [{ bearerAuth: [] }];

const error = (description: string, headers?: z.ZodObject) => ({
  description,
  content: { "application/json": { schema: ErrorMessage } },
  ...(headers ? { headers } : {}),
});

const errors = {
  400: error(
    "A client mistake: a bad, unknown or repeated parameter, a syntax error, an unknown field, a type mismatch, a limit.",
  ),
  401: error(
    "No key, or an unknown or revoked key.",
    z.object({
      "WWW-Authenticate": z.string().meta({ examples: ['Bearer realm="contact-query", error="invalid_token"'] }),
    }),
  ),
  403: error("A valid key of another organization than `orgId`."),
  404: error("No such path (any path not listed in this document)."),
  405: error(
    "Another method than the ones listed for this path.",
    z.object({ Allow: z.string().meta({ examples: ["GET, POST"] }) }),
  ),
  500: error("A bug. Never contains a stack trace, SQL or a connection string."),
  503: error(
    "The database is unreachable or timed out; retry later.",
    z.object({ "Retry-After": z.string().meta({ description: "seconds", examples: ["5"] }) }),
  ),
};

const cacheHeaders = z.object({
  "X-Cache": z.enum(["HIT", "MISS", "STALE"]).meta({
    description:
      "HIT: served from the edge cache without touching the database; MISS: from the database; STALE: an older " +
      "page served while it is refreshed in the background (or while the database is failing).",
  }),
  ETag: z.string().meta({ description: "strong validator of the body; send it back in `If-None-Match`" }),
  "Cache-Control": z.string().meta({
    description: "`private` (one tenant's data), with the freshness and stale-while-revalidate windows",
    examples: ["private, max-age=30, stale-while-revalidate=300"],
  }),
  Age: z.string().meta({ description: "seconds since the page was read from the database" }),
  "Server-Timing": z.string().meta({ examples: ["cache;dur=1.2, db;dur=14.8"] }),
});

const queryResponses = {
  200: {
    description:
      "One page of contacts. Cached at the edge under the canonical form of the query, so equivalent requests " +
      "(parameter order, aliases, LISP vs JSON vs POST, explicit defaults) share one entry.",
    headers: cacheHeaders,
    content: { "application/json": { schema: ContactPage } },
  },
  304: {
    description: "`If-None-Match` matched the page's ETag; no body.",
    headers: cacheHeaders,
  },
};

const queryDescription =
  "Filters, sorts and pages the organization's contacts. Results only ever contain contacts of `orgId`, " +
  "whatever the filter says. Authentication comes first: a request without a valid key gets 401/403 even if " +
  "its parameters are also wrong. The full language reference is docs/query-language.md; " +
  "`GET /org/{orgId}/contact/fields` lists every field with its type and operators.";

const ifNoneMatch = z.object({
  "If-None-Match": z
    .string()
    .optional()
    .meta({ description: "an ETag from an earlier response; a match answers 304 without a body" }),
});

export const queryGetRoute = createRoute({
  method: "get",
  path: QUERY_PATH,
  operationId: "queryContacts",
  tags: ["contacts"],
  summary: "Query contacts",
  description: `${queryDescription} An empty \`q=\` or \`s=\` means the parameter is absent.`,
  security,
  middleware: [requireApiKey] as const,
  request: { params: OrgParams, query: contactQueryParams, headers: ifNoneMatch },
  responses: { ...queryResponses, ...errors },
});

const postBody = <R extends boolean>(required: R) => ({
  description: `At most ${LIMITS.maxBodyBytes} bytes (413 beyond). An empty body (and no Content-Type) means all defaults.`,
  required,
  content: { "application/json": { schema: contactQueryBody } },
});

/**
 * Validated with `required: true` so that an empty POST, too, goes through the
 * schema and gets its defaults (with `required: false` @hono/zod-openapi would
 * skip validation and hand the handler `{}`); the document says what a client
 * may do — omit the body — through `queryPostDoc`, registered in docs.ts.
 */
export const queryPostRoute = createRoute({
  method: "post",
  path: QUERY_PATH,
  operationId: "queryContactsPost",
  tags: ["contacts"],
  summary: "Query contacts (filter in a JSON body)",
  description:
    `${queryDescription} The same parameters as the GET, as a JSON body, for filters too long for a URL; ` +
    `a query string on a POST is a 400. Same response and same cache entry as the equivalent GET.`,
  security,
  middleware: [requireApiKey, limitBody, requireJsonBody] as const,
  request: {
    params: OrgParams,
    headers: ifNoneMatch,
    body: postBody(true),
  },
  responses: {
    ...queryResponses,
    ...errors,
    413: error(`The body is larger than ${LIMITS.maxBodyBytes} bytes.`),
  },
  hide: true,
});

const { middleware: _middleware, hide: _hide, ...postDoc } = queryPostRoute;
export const queryPostDoc = { ...postDoc, request: { ...postDoc.request, body: postBody(false) } };

export const fieldsRoute = createRoute({
  method: "get",
  path: FIELDS_PATH,
  operationId: "listFields",
  tags: ["contacts"],
  summary: "List the filterable and sortable fields",
  description:
    "Every field a filter or sort may use, generated from the field registry: its type, the operators it takes, " +
    "whether it is sortable, and for arrays of objects the element's own fields (usable inside `any`). Map fields " +
    "(`closedWonAmount`, `pipeline`) take any 3-letter currency code as their last segment; `USD` is shown.",
  security,
  middleware: [requireApiKey] as const,
  request: { params: OrgParams },
  responses: {
    200: {
      description: "The field catalog.",
      headers: z.object({ "Cache-Control": z.string().meta({ examples: ["private, max-age=300"] }) }),
      content: { "application/json": { schema: FieldCatalog } },
    },
    ...errors,
  },
});
