/** @module The facets endpoint's answer, as the OpenAPI document describes it. */
import type { JsonSchema } from "../../http/parameters.ts";
import { ref } from "../../openapi/contact-schemas.ts";

export const FacetValue: JsonSchema = {
  type: "object",
  properties: {
    value: {
      type: ["string", "number", "boolean", "null"],
      description: "a value of the field; `null` counts null, missing and wrong-typed values together",
    },
    count: { type: "integer", minimum: 1, description: "matching contacts with this value (exact)" },
  },
  required: ["value", "count"],
  additionalProperties: false,
};

export const FacetCounts: JsonSchema = {
  type: "object",
  properties: {
    facets: {
      type: "object",
      additionalProperties: { type: "array", items: ref("FacetValue") },
      description:
        "per facet field, under its canonical name: its most frequent values, by count descending, then value " +
        "ascending (strings by code point, numbers numerically, `false` before `true`), `null` last; at most `limit`",
    },
    total_count: { type: "integer", minimum: 0, description: "the contacts matching `q` (exact)" },
  },
  required: ["facets", "total_count"],
  additionalProperties: false,
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
};
