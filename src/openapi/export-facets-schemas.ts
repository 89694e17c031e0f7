import { z } from "zod";

/**
 * Response schemas of the export and the facets (see schemas.ts for the
 * query's). They describe responses only; the tests validate real ones against
 * the generated document.
 */
export const ContactLines = z.string().meta({
  id: "ContactLines",
  description:
    "NDJSON: one `Contact` (#/components/schemas/Contact, or its projection with `fields`) per line, each line " +
    "ended by `\\n`; no line for an empty export.",
  examples: ['{"companyContactId": "crm-001", "creationTime": "2024-07-29T15:51:28.071Z", "id": "c_ada", ...}\n'],
});

export const ContactCsv = z.string().meta({
  id: "ContactCsv",
  description:
    "RFC 4180 CSV, UTF-8, records ended by CRLF: a header row, then one record per contact. Arrays and objects " +
    'are JSON text, `null` is an empty field, the empty string `""`.',
  examples: ["id,name,email_address,info.partner\r\nc_ada,Ada Lovelace,ada@acme.com,AWS\r\n"],
});

export const FacetValue = z
  .strictObject({
    value: z
      .union([z.string(), z.number(), z.boolean(), z.null()])
      .meta({ description: "a value of the field; `null` counts null, missing and wrong-typed values together" }),
    count: z.int().min(1).meta({ description: "matching contacts with this value (exact)" }),
  })
  .meta({ id: "FacetValue" });

export const FacetCounts = z
  .strictObject({
    facets: z.record(z.string(), z.array(FacetValue)).meta({
      description:
        "per facet field, under its canonical name: its most frequent values, by count descending, then value " +
        "ascending (strings by code point, numbers numerically, `false` before `true`), `null` last; at most `limit`",
    }),
    total_count: z.int().min(0).meta({ description: "the contacts matching `q` (exact)" }),
  })
  .meta({
    id: "FacetCounts",
    examples: [
      {
        facets: {
          "info.partner": [
            { value: "AWS", count: 120 },
            { value: null, count: 7 },
          ],
          tags: [{ value: "partner", count: 88 }],
        },
        total_count: 412,
      },
    ],
  });
