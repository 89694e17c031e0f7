import { z } from "zod";
import { exportParameterDocs as docs } from "../openapi/export-facets-docs.ts";
import { contactQueryBody, contactQueryParams } from "./request-schema.ts";
import { onceOr, rejectInvalidWith } from "./route-validation.ts";

/**
 * The export's parameters (`GET|POST /org/:orgId/contact/export`): the query's
 * filter, sort and projection — the very schemas of the query endpoint, so
 * they validate and are documented alike — and `format`. No page size, page
 * number, token or count: an export is every matching contact.
 */
const FORMATS = ["ndjson", "csv"] as const;
const FORMAT_MESSAGE = "must be 'ndjson' or 'csv'";

const query = contactQueryParams.shape;
const body = contactQueryBody.shape;

export const contactExportParams = z.strictObject({
  q: query.q,
  qs: query.qs,
  s: query.s,
  ss: query.ss,
  fields: query.fields,
  format: z
    .enum(FORMATS, { error: onceOr(FORMAT_MESSAGE) })
    .default("ndjson")
    .meta(docs.format),
});

export const contactExportBody = z.strictObject(
  {
    q: body.q,
    qs: body.qs,
    s: body.s,
    ss: body.ss,
    fields: body.fields,
    format: z.enum(FORMATS, { error: FORMAT_MESSAGE }).default("ndjson").meta(docs.format),
  },
  { error: "body: must be a JSON object" },
);

export const rejectInvalidExport = rejectInvalidWith(Object.keys(contactExportParams.shape));
