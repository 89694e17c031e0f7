/**
 * @module `GET|POST /org/{orgId}/contact/export`: every contact matching a
 * query, streamed as NDJSON or CSV (src/service/export.ts). Not cached.
 */
import { endpoint } from "../../http/endpoint.ts";
import { choiceParameter, fields, q, qs, s, search, ss } from "../../http/parameters.ts";
import { requestDeps } from "../../http/request-deps.ts";
import { ServerTiming } from "../../http/server-timing.ts";
import { ref } from "../../openapi/contact-schemas.ts";
import { type ExportInput, exportContacts } from "../../service/export.ts";
import { exportResponse } from "./export.response.ts";
import { ContactCsv, ContactLines } from "./export.schemas.ts";

const format = choiceParameter(
  ["ndjson", "csv"],
  "ndjson",
  "`ndjson` (default): one contact per line, exactly the object a page's `data` holds (`fields` applies). " +
    "`csv`: RFC 4180 with a header row; columns are the contact's keys in response order, or with `fields` " +
    "`id` (unless named) then the fields in the order given (`info` paths under their path); arrays and " +
    'objects as JSON text, `null` as an empty field, the empty string as `""`.',
);

export const exportEndpoint = endpoint({
  path: "/org/{orgId}/contact/export",
  methods: ["GET", "POST"],
  operationId: "exportContacts",
  summary: "Export contacts (NDJSON or CSV)",
  description:
    "Streams **every** contact of the organization matching `q`, in the order of `s`, with no page size and no " +
    "offset limit: NDJSON (default) or CSV (`format`). `q`, `qs`, `s`, `ss`, `fields` and `search` mean what they mean for " +
    "queries. A contact that matches and keeps its sort values for the whole export appears exactly once. Errors " +
    "found before the first byte are ordinary JSON errors; a failure after streaming has begun aborts the response " +
    "(no clean end), so a cut export is never mistaken for a complete one. Not cached.",
  authenticated: true,
  parameters: { q, qs, s, ss, fields, search, format },
  responses: {
    200: {
      description: "The export, streamed.",
      headers: {
        "Content-Disposition": {
          type: "string",
          required: true,
          examples: ['attachment; filename="contacts-org_demo_acme.ndjson"'],
        },
        "Cache-Control": { type: "string", required: true, examples: ["no-store"] },
        "Server-Timing": {
          type: "string",
          required: true,
          description: "the first batch's database time",
          examples: ["db;dur=14.8"],
        },
      },
      content: { "application/x-ndjson": ref("ContactLines"), "text/csv": ref("ContactCsv") },
    },
  },
  schemas: { ContactLines, ContactCsv },
  async handle(c, input) {
    const timing = new ServerTiming();
    const result = await exportContacts(c.get("organizationId"), input as ExportInput, requestDeps(c, timing));
    return exportResponse(c, result, timing);
  },
});
