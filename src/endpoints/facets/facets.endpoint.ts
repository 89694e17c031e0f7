/**
 * @module `GET|POST /org/{orgId}/contact/facets`: among the contacts matching a
 * filter, how many have each value of each facet field (src/service/facets.ts),
 * cached at the edge like a page.
 */
import { CACHED_HEADERS, NOT_MODIFIED, respondCached } from "../../http/cached-response.ts";
import { endpoint } from "../../http/endpoint.ts";
import { integerParameter, namesParameter, q, qs, search } from "../../http/parameters.ts";
import { ref } from "../../openapi/contact-schemas.ts";
import { DEFAULT_FACET_LIMIT, MAX_FACET_FIELDS, MAX_FACET_LIMIT } from "../../query/facets.ts";
import { type FacetInput, facetContacts } from "../../service/facets.ts";
import { FacetCounts, FacetValue } from "./facets.schemas.ts";

const facet = namesParameter({
  description:
    `Required. 1 to ${MAX_FACET_FIELDS} comma-separated fields to count values of: string, integer, number and ` +
    "boolean fields, and arrays of strings (each distinct element counts once per contact). Dates, date-times, " +
    "objects, arrays of objects and maps are a 400. Aliases are accepted; the answer is keyed by canonical " +
    "names (`emailAddress` is answered as `email_address`).",
  schema: { type: "string" },
  required: true,
  examples: { fields: { summary: "two fields", value: "info.partner,tags" } },
  bodyExamples: ["info.partner,tags", ["info.partner", "tags"]],
});

const limit = integerParameter({
  min: 1,
  max: MAX_FACET_LIMIT,
  fallback: DEFAULT_FACET_LIMIT,
  message: `must be an integer between 1 and ${MAX_FACET_LIMIT}`,
  description: `Values per field, 1..${MAX_FACET_LIMIT} (default ${DEFAULT_FACET_LIMIT}): the most frequent ones.`,
});

export const facetsEndpoint = endpoint({
  path: "/org/{orgId}/contact/facets",
  methods: ["GET", "POST"],
  operationId: "facetContacts",
  summary: "Count contacts by field values (facets)",
  description:
    "Counts, among the organization's contacts matching `q` (and `search`), how many have each value of each `facet` field. " +
    "Null, missing and wrong-typed values count together under `null`; for an array of strings each distinct " +
    "element counts once per contact, and a contact with no string element (the array missing, empty or not an " +
    "array) once under `null`. Counts are exact. Cached at the edge like query pages (canonical key, ETag, 304).",
  authenticated: true,
  parameters: { q, qs, search, facet, limit },
  bodyRequired: true,
  responses: {
    200: {
      description: "The counts. Cached at the edge under the canonical form of the request.",
      headers: CACHED_HEADERS,
      content: { "application/json": ref("FacetCounts") },
    },
    304: NOT_MODIFIED,
  },
  schemas: { FacetCounts, FacetValue },
  handle: (c, input) => respondCached(c, (deps) => facetContacts(c.get("organizationId"), input as FacetInput, deps)),
});
