import { createRoute, z } from "@hono/zod-openapi";
import { contactFacetBody, contactFacetParams } from "../../http/facets-request-schema.ts";
import { limitBody, requireApiKey, requireJsonBody } from "../../http/middleware.ts";
import { FacetCounts } from "../../openapi/export-facets-schemas.ts";
import { cacheHeaders, errorResponses, OrgParams, payloadTooLarge, security } from "../../openapi/responses.ts";
import { LIMITS } from "../../query/limits.ts";

/**
 * The facets' route definitions (`GET|POST /org/{orgId}/contact/facets`),
 * registered by the contacts router (index.ts) with their own validation hook.
 */
export const FACETS_PATH = "/org/{orgId}/contact/facets";

const facetsDescription =
  "Counts, among the organization's contacts matching `q`, how many have each value of each `facet` field. " +
  "Null, missing and wrong-typed values count together under `null`; for an array of strings each distinct " +
  "element counts once per contact, and a contact with no string element (the array missing, empty or not an " +
  "array) once under `null`. Counts are exact. Cached at the edge like query pages (canonical key, ETag, 304).";

const facetsResponses = {
  200: {
    description: "The counts. Cached at the edge under the canonical form of the request.",
    headers: cacheHeaders,
    content: { "application/json": { schema: FacetCounts } },
  },
  304: { description: "`If-None-Match` matched the answer's ETag; no body.", headers: cacheHeaders },
};

const ifNoneMatch = z.object({
  "If-None-Match": z
    .string()
    .optional()
    .meta({ description: "an ETag from an earlier response; a match answers 304 without a body" }),
});

export const facetsGetRoute = createRoute({
  method: "get",
  path: FACETS_PATH,
  operationId: "facetContacts",
  tags: ["contacts"],
  summary: "Count contacts by field values (facets)",
  description: `${facetsDescription} An empty \`q=\` means the parameter is absent.`,
  security,
  middleware: [requireApiKey] as const,
  request: { params: OrgParams, query: contactFacetParams, headers: ifNoneMatch },
  responses: { ...facetsResponses, ...errorResponses },
});

export const facetsPostRoute = createRoute({
  method: "post",
  path: FACETS_PATH,
  operationId: "facetContactsPost",
  tags: ["contacts"],
  summary: "Count contacts by field values (filter in a JSON body)",
  description: `${facetsDescription} The same parameters as the GET, as a JSON body; a query string on a POST is a 400.`,
  security,
  middleware: [requireApiKey, limitBody, requireJsonBody] as const,
  request: {
    params: OrgParams,
    headers: ifNoneMatch,
    body: {
      description: `At most ${LIMITS.maxBodyBytes} bytes (413 beyond).`,
      required: true,
      content: { "application/json": { schema: contactFacetBody } },
    },
  },
  responses: { ...facetsResponses, ...errorResponses, 413: payloadTooLarge },
});
