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
    count: {
      type: "integer",
      minimum: 1,
      description: "matching contacts with this value (exact, or estimated when `exact` is false)",
    },
  },
  required: ["value", "count"],
  additionalProperties: false,
};

/** A number, an ISO-8601 UTC instant with milliseconds, or null. */
const MEASURE = { type: ["number", "string", "null"] };

export const FieldStats: JsonSchema = {
  type: "object",
  properties: {
    count: {
      type: "integer",
      minimum: 0,
      description: "matching contacts whose value has the field's type (null, missing and wrong-typed values left out)",
    },
    min: { ...MEASURE, description: "the least value: a number, or for dates and date-times an ISO-8601 UTC string" },
    max: { ...MEASURE, description: "the greatest value, like `min`" },
    sum: {
      type: ["number", "null"],
      description: "numbers: the exact decimal sum; dates and date-times: null",
    },
    avg: {
      type: ["number", "null"],
      description:
        "numbers: `sum / count` rounded half away from zero to 12 decimal places; dates and date-times: null",
    },
  },
  required: ["count", "min", "max", "sum", "avg"],
  additionalProperties: false,
  description: "with `count` 0, `min`, `max`, `sum` and `avg` are null",
};

export const HistogramBucket: JsonSchema = {
  type: "object",
  properties: {
    key: {
      type: ["number", "string", "null"],
      description:
        "the bucket's start: `floor(v / width) * width` for numbers, the period's start (ISO-8601 UTC, " +
        "`2024-05-01T00:00:00.000Z`) for dates and date-times; null for the contacts without a value of the field's type",
    },
    count: {
      type: "integer",
      minimum: 1,
      description: "matching contacts in the bucket (exact, or estimated when `exact` is false)",
    },
  },
  required: ["key", "count"],
  additionalProperties: false,
};

export const FacetCounts: JsonSchema = {
  type: "object",
  properties: {
    facets: {
      type: "object",
      additionalProperties: { type: "array", items: ref("FacetValue") },
      description:
        "when `facet` is asked for; per facet field, under its canonical name: its most frequent values, by count " +
        "descending, then value ascending (strings by code point, numbers numerically, `false` before `true`), " +
        "`null` last; at most `limit`",
    },
    stats: {
      type: "object",
      additionalProperties: ref("FieldStats"),
      description: "when `stats` is asked for; per field, under its canonical name (always exact)",
    },
    histograms: {
      type: "object",
      additionalProperties: { type: "array", items: ref("HistogramBucket") },
      description:
        "when `histogram` is asked for; per histogram, under `<canonical field>:<canonical interval>`: its " +
        "non-empty buckets by key ascending, the bucket with key null last",
    },
    total_count: {
      type: "integer",
      minimum: 0,
      description: "the contacts matching `q` (exact, or when `exact` is false an estimate of at least 10,001)",
    },
    exact: {
      type: "boolean",
      description: "whether `total_count` and every facet and histogram count are exact (always with `count=exact`)",
    },
  },
  required: ["total_count", "exact"],
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
      stats: {
        "info.cosellPartnerMetrics.successRate": { count: 96, min: 0, max: 100, sum: 5231.5, avg: 54.494791666667 },
        creation_time: {
          count: 412,
          min: "2023-01-04T08:12:45.120Z",
          max: "2026-03-30T17:02:11.981Z",
          sum: null,
          avg: null,
        },
      },
      histograms: {
        "creation_time:year": [
          { key: "2023-01-01T00:00:00.000Z", count: 130 },
          { key: "2024-01-01T00:00:00.000Z", count: 141 },
          { key: "2025-01-01T00:00:00.000Z", count: 118 },
          { key: "2026-01-01T00:00:00.000Z", count: 23 },
        ],
      },
      total_count: 412,
      exact: true,
    },
  ],
};
