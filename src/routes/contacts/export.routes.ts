import { createRoute, z } from "@hono/zod-openapi";
import { contactExportBody, contactExportParams } from "../../http/export-request-schema.ts";
import { limitBody, requireApiKey, requireJsonBody } from "../../http/middleware.ts";
import { ContactCsv, ContactLines } from "../../openapi/export-facets-schemas.ts";
import { errorResponses, OrgParams, payloadTooLarge, security } from "../../openapi/responses.ts";
import { LIMITS } from "../../query/limits.ts";

/**
 * The export's route definitions (`GET|POST /org/{orgId}/contact/export`),
 * registered by the contacts router (index.ts) with their own validation hook.
 */
export const EXPORT_PATH = "/org/{orgId}/contact/export";

const exportDescription =
  "Streams **every** contact of the organization matching `q`, in the order of `s`, with no page size and no " +
  "offset limit: NDJSON (default) or CSV (`format`). `q`, `qs`, `s`, `ss` and `fields` mean what they mean for " +
  "queries. A contact that matches and keeps its sort values for the whole export appears exactly once. Errors " +
  "found before the first byte are ordinary JSON errors; a failure after streaming has begun aborts the response " +
  "(no clean end), so a cut export is never mistaken for a complete one. Not cached.";

const exportHeaders = z.object({
  "Content-Disposition": z.string().meta({ examples: ['attachment; filename="contacts-org_demo_acme.ndjson"'] }),
  "Cache-Control": z.string().meta({ examples: ["no-store"] }),
  "Server-Timing": z.string().meta({ description: "the first batch's database time", examples: ["db;dur=14.8"] }),
});

const exportResponses = {
  200: {
    description: "The export, streamed.",
    headers: exportHeaders,
    content: {
      "application/x-ndjson": { schema: ContactLines },
      "text/csv": { schema: ContactCsv },
    },
  },
};

export const exportGetRoute = createRoute({
  method: "get",
  path: EXPORT_PATH,
  operationId: "exportContacts",
  tags: ["contacts"],
  summary: "Export contacts (NDJSON or CSV)",
  description: `${exportDescription} An empty \`q=\` or \`s=\` means the parameter is absent.`,
  security,
  middleware: [requireApiKey] as const,
  request: { params: OrgParams, query: contactExportParams },
  responses: { ...exportResponses, ...errorResponses },
});

const postBody = <R extends boolean>(required: R) => ({
  description: `At most ${LIMITS.maxBodyBytes} bytes (413 beyond). An empty body (and no Content-Type) means all defaults.`,
  required,
  content: { "application/json": { schema: contactExportBody } },
});

/** Validated with a required body so an empty one gets defaults; documented as optional (`exportPostDoc`). */
export const exportPostRoute = createRoute({
  method: "post",
  path: EXPORT_PATH,
  operationId: "exportContactsPost",
  tags: ["contacts"],
  summary: "Export contacts (filter in a JSON body)",
  description: `${exportDescription} The same parameters as the GET, as a JSON body; a query string on a POST is a 400.`,
  security,
  middleware: [requireApiKey, limitBody, requireJsonBody] as const,
  request: { params: OrgParams, body: postBody(true) },
  responses: { ...exportResponses, ...errorResponses, 413: payloadTooLarge },
  hide: true,
});

const { middleware: _middleware, hide: _hide, ...postDoc } = exportPostRoute;
/** The POST as documented: the body may be omitted. */
export const exportPostDoc = { ...postDoc, request: { ...postDoc.request, body: postBody(false) } };
