/**
 * @module `GET|POST /org/{orgId}/contact/export`: every contact matching a
 * query, streamed as NDJSON or CSV (src/service/export.ts). Not cached.
 */
import { accepts } from "hono/accepts";
import { endpoint } from "../../http/endpoint.ts";
import { choiceParameter, fields, q, qs, s, search, ss } from "../../http/parameters.ts";
import { requestDeps } from "../../http/request-deps.ts";
import { ServerTiming } from "../../http/server-timing.ts";
import { ref } from "../../openapi/contact-schemas.ts";
import { EXACT_COUNT_BOUND } from "../../query/count.ts";
import { type ExportInput, exportContacts } from "../../service/export.ts";
import type { ExportFormat } from "../../sql/export.ts";
import { exportResponse } from "./export.response.ts";
import { ContactCsv, ContactLines } from "./export.schemas.ts";

const format = choiceParameter(
  ["ndjson", "csv"],
  undefined,
  "`ndjson`: one contact per line, exactly the object a page's `data` holds (`fields` applies). " +
    "`csv`: RFC 4180 with a header row; columns are the contact's keys in response order, or with `fields` " +
    "`id` (unless named) then the fields in the order given (`info` paths under their path); arrays and " +
    'objects as JSON text, `null` as an empty field, the empty string as `""`. Without `format`, the ' +
    "`Accept` header chooses (`text/csv` or `application/x-ndjson`); NDJSON when it names neither.",
);

/** The media types an export answers in, by format. */
const FORMAT_OF_MEDIA_TYPE: Record<string, ExportFormat> = { "application/x-ndjson": "ndjson", "text/csv": "csv" };
const MEDIA_TYPES = Object.keys(FORMAT_OF_MEDIA_TYPE);

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
        "X-Total-Count": {
          type: "string",
          pattern: "^\\d+$",
          required: true,
          description:
            "how many contacts the export holds, counted as `count=estimated` counts: exact up to " +
            `${EXACT_COUNT_BOUND.toLocaleString("en-US")}, an estimate of at least ` +
            `${(EXACT_COUNT_BOUND + 1).toLocaleString("en-US")} above (for a progress bar)`,
          examples: ["4213"],
        },
        "X-Total-Count-Exact": {
          type: "string",
          enum: ["true", "false"],
          required: true,
          description: "`true` when `X-Total-Count` is the exact count",
        },
      },
      content: { "application/x-ndjson": ref("ContactLines"), "text/csv": ref("ContactCsv") },
    },
  },
  schemas: { ContactLines, ContactCsv },
  async handle(c, input) {
    const timing = new ServerTiming();
    const format =
      input.format ??
      FORMAT_OF_MEDIA_TYPE[accepts(c, { header: "Accept", supports: MEDIA_TYPES, default: "application/x-ndjson" })] ??
      "ndjson";
    const request = { ...input, format } as ExportInput;
    const result = await exportContacts(c.get("organizationId"), request, requestDeps(c, timing));
    return exportResponse(c, result, timing);
  },
});
