import { createRoute, z } from "@hono/zod-openapi";
import { limitBody, requireApiKey, requireJsonBody } from "../../http/middleware.ts";
import { contactQueryBody, contactQueryParams } from "../../http/request-schema.ts";
import {
  cacheHeaders,
  errorResponse,
  errorResponses,
  OrgParams,
  payloadTooLarge,
  security,
} from "../../openapi/responses.ts";
import { ContactPage, FieldCatalog } from "../../openapi/schemas.ts";
import { LIMITS } from "../../query/limits.ts";

/**
 * The contacts resource's routes as OpenAPI route definitions. The router
 * (index.ts) registers each with `router.openapi(route, handler)`, which both
 * documents it at /openapi.json and validates requests with the very zod
 * schemas the document is generated from.
 */
export const QUERY_PATH = "/org/{orgId}/contact/query";
export const FIELDS_PATH = "/org/{orgId}/contact/fields";
export const PURGE_PATH = "/org/{orgId}/contact/cache/purge";

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
  responses: { ...queryResponses, ...errorResponses },
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
 * may do — omit the body — through `queryPostDoc`, registered by the router.
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
    ...errorResponses,
    413: payloadTooLarge,
  },
  hide: true,
});

const { middleware: _middleware, hide: _hide, ...postDoc } = queryPostRoute;
/** The POST as documented: the body may be omitted. */
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
    "(`closedWonAmount`, `pipeline`) take any 3-letter currency code as their last segment; `USD` is shown. " +
    "`operators` is the language's operator table: names, aliases, a summary, an example and how each argument is written.",
  security,
  middleware: [requireApiKey] as const,
  request: { params: OrgParams },
  responses: {
    200: {
      description: "The field catalog.",
      headers: z.object({ "Cache-Control": z.string().meta({ examples: ["private, max-age=300"] }) }),
      content: { "application/json": { schema: FieldCatalog } },
    },
    ...errorResponses,
  },
});

const PurgeResult = z
  .strictObject({
    purged: z.literal(true),
    organization_id: z.string(),
    generation: z.string().meta({ description: "the organization's new cache generation" }),
  })
  .meta({ id: "PurgeResult" });

export const purgeRoute = createRoute({
  method: "post",
  path: PURGE_PATH,
  operationId: "purgeContactCache",
  tags: ["contacts"],
  summary: "Purge the organization's cached pages",
  description:
    "Makes every cached page of the organization stale at once, by starting a new cache generation. The data " +
    "center that receives the purge sees it at once, others typically within a minute.",
  security,
  middleware: [requireApiKey] as const,
  request: { params: OrgParams },
  responses: {
    200: { description: "The new generation.", content: { "application/json": { schema: PurgeResult } } },
    ...errorResponses,
    501: errorResponse("This deployment has no cache generations binding (CACHE_GENERATIONS)."),
  },
});
