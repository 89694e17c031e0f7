/**
 * @module `GET|POST /org/{orgId}/contact/query`: one page of the organization's
 * contacts, filtered, sorted and projected (src/service/query.ts), cached at
 * the edge under the canonical form of the query.
 */
import { CACHED_HEADERS, NOT_MODIFIED, respondCached } from "../../http/cached-response.ts";
import { endpoint } from "../../http/endpoint.ts";
import { ref } from "../../openapi/contact-schemas.ts";
import type { QueryInput } from "../../query/parse-query.ts";
import { queryContacts } from "../../service/query.ts";
import { QUERY_PARAMETERS } from "./query.parameters.ts";
import { ContactPage } from "./query.schemas.ts";

export const queryEndpoint = endpoint({
  path: "/org/{orgId}/contact/query",
  methods: ["GET", "POST"],
  operationId: "queryContacts",
  summary: "Query contacts",
  description:
    "Filters, sorts and pages the organization's contacts. Results only ever contain contacts of `orgId`, " +
    "whatever the filter says. Authentication comes first: a request without a valid key gets 401/403 even if " +
    "its parameters are also wrong. The language reference is at /docs; " +
    "`GET /org/{orgId}/contact/fields` lists every field with its type and operators. An empty parameter " +
    "(`q=`) means the parameter is absent.",
  authenticated: true,
  parameters: QUERY_PARAMETERS,
  responses: {
    200: {
      description:
        "One page of contacts. Cached at the edge under the canonical form of the query, so equivalent requests " +
        "(parameter order, aliases, LISP vs JSON vs POST, explicit defaults) share one entry.",
      headers: CACHED_HEADERS,
      content: { "application/json": ref("ContactPage") },
    },
    304: NOT_MODIFIED,
  },
  schemas: { ContactPage },
  handle: (c, input) => respondCached(c, (deps) => queryContacts(c.get("organizationId"), input as QueryInput, deps)),
});
