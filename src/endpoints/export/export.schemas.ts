/** @module The export's answers, as the OpenAPI document describes them. */
import type { JsonSchema } from "../../http/parameters.ts";

export const ContactLines: JsonSchema = {
  type: "string",
  description:
    "NDJSON: one `Contact` (#/components/schemas/Contact, or its projection with `fields`) per line, each line " +
    "ended by `\\n`; no line for an empty export.",
  examples: ['{"companyContactId": "crm-001", "creationTime": "2024-07-29T15:51:28.071Z", "id": "c_ada", ...}\n'],
};

export const ContactCsv: JsonSchema = {
  type: "string",
  description:
    "RFC 4180 CSV, UTF-8, records ended by CRLF: a header row, then one record per contact. Arrays and objects " +
    'are JSON text, `null` is an empty field, the empty string `""`.',
  examples: ["id,name,email_address,info.partner\r\nc_ada,Ada Lovelace,ada@acme.com,AWS\r\n"],
};
