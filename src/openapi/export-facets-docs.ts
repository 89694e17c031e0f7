import { DEFAULT_FACET_LIMIT, MAX_FACET_FIELDS, MAX_FACET_LIMIT } from "../query/facets.ts";

/**
 * Descriptions and examples of the export's and the facets' own parameters
 * (`format`, `facet`, `limit`), attached with `.meta()` to their zod schemas
 * (src/http/export-request-schema.ts, src/http/facets-request-schema.ts); the
 * parameters they share with queries keep the query's descriptions
 * (request-docs.ts).
 */
export const exportParameterDocs = {
  format: {
    description:
      "`ndjson` (default): one contact per line, exactly the object a page's `data` holds (`fields` applies). " +
      "`csv`: RFC 4180 with a header row; columns are the contact's keys in response order, or with `fields` " +
      "`id` (unless named) then the fields in the order given (`info` paths under their path); arrays and " +
      'objects as JSON text, `null` as an empty field, the empty string as `""`.',
    param: { example: "ndjson" },
  },
};

export const facetParameterDocs = {
  facet: {
    description:
      `Required. 1 to ${MAX_FACET_FIELDS} comma-separated fields to count values of: string, integer, number and ` +
      "boolean fields, and arrays of strings (each distinct element counts once per contact). Dates, date-times, " +
      "objects, arrays of objects and maps are a 400. Aliases are accepted; the answer is keyed by canonical " +
      "names (`emailAddress` is answered as `email_address`).",
    param: { example: "info.partner,tags" },
  },
  limit: {
    description: `Values per field, 1..${MAX_FACET_LIMIT} (default ${DEFAULT_FACET_LIMIT}): the most frequent ones.`,
    type: "integer",
    minimum: 1,
    maximum: MAX_FACET_LIMIT,
    default: DEFAULT_FACET_LIMIT,
    param: { example: DEFAULT_FACET_LIMIT },
  },
};

export const facetBodyDocs = {
  facet: {
    anyOf: [{ type: "string" }, { type: "array", items: { type: "string" }, minItems: 1, maxItems: MAX_FACET_FIELDS }],
    description: `${facetParameterDocs.facet.description} In a body, a list of names works too.`,
    examples: ["info.partner,tags", ["info.partner", "tags"]],
  },
  limit: {
    description: `${facetParameterDocs.limit.description} A number or a string of digits.`,
    default: DEFAULT_FACET_LIMIT,
    examples: [DEFAULT_FACET_LIMIT],
  },
};
