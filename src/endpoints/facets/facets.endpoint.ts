/**
 * @module `GET|POST /org/{orgId}/contact/facets`: among the contacts matching a
 * filter, how many have each value of each facet field (src/service/facets.ts),
 * cached at the edge like a page.
 */
import { CACHED_HEADERS, NOT_MODIFIED, respondCached } from "../../http/cached-response.ts";
import { endpoint } from "../../http/endpoint.ts";
import { choiceParameter, integerParameter, namesParameter, q, qs, search } from "../../http/parameters.ts";
import { ref } from "../../openapi/contact-schemas.ts";
import { EXACT_COUNT_BOUND } from "../../query/count.ts";
import { DEFAULT_FACET_LIMIT, FACET_COUNT_MODES, MAX_FACET_FIELDS, MAX_FACET_LIMIT } from "../../query/facets.ts";
import {
  CALENDAR_INTERVALS,
  MAX_HISTOGRAM_BUCKETS,
  MAX_HISTOGRAMS,
  MAX_WIDTH_DIGITS,
  MAX_WIDTH_EXPONENT,
} from "../../query/histograms.ts";
import { AVG_DECIMALS, MAX_STATS_FIELDS } from "../../query/stats.ts";
import { type FacetInput, facetContacts } from "../../service/facets.ts";
import { FacetCounts, FacetValue, FieldStats, HistogramBucket } from "./facets.schemas.ts";

const facet = namesParameter({
  description:
    `1 to ${MAX_FACET_FIELDS} comma-separated fields to count values of: string, integer, number and ` +
    "boolean fields, and arrays of strings (each distinct element counts once per contact). Dates, date-times, " +
    "objects, arrays of objects and maps are a 400. Aliases are accepted; the answer is keyed by canonical " +
    "names (`emailAddress` is answered as `email_address`).",
  schema: { type: "string" },
  examples: { fields: { summary: "two fields", value: "info.partner,tags" } },
  bodyExamples: ["info.partner,tags", ["info.partner", "tags"]],
});

const limit = integerParameter({
  min: 1,
  max: MAX_FACET_LIMIT,
  fallback: DEFAULT_FACET_LIMIT,
  message: `must be an integer between 1 and ${MAX_FACET_LIMIT}`,
  description: `Values per \`facet\` field, 1..${MAX_FACET_LIMIT} (default ${DEFAULT_FACET_LIMIT}): the most frequent ones.`,
});

const MEASURED =
  "integer, number, date and date-time fields of the contact (`creation_time`, `last_update_time`, `info` paths, " +
  "map values such as `info.cosellPartnerMetrics.pipeline.USD`), not fields of the elements of an array of objects";

const stats = namesParameter({
  description:
    `Up to ${MAX_STATS_FIELDS} comma-separated fields to summarize: ${MEASURED}. Each is answered under its ` +
    "canonical name as `{count, min, max, sum, avg}` over the matching contacts whose value has the field's type " +
    "(null, missing and wrong-typed values are left out; `count` says how many are in). Numbers: `sum` is the exact " +
    `decimal sum, \`avg\` is \`sum / count\` rounded half away from zero to ${AVG_DECIMALS} decimal places, both JSON ` +
    "numbers written exactly (a client that reads JSON numbers as doubles gets the nearest double). Dates and " +
    "date-times: `min` and `max` as ISO-8601 UTC with milliseconds, `sum` and `avg` null. With `count` 0, all four " +
    "are null. Always exact, even with `count=estimated`.",
  schema: { type: "string" },
  examples: {
    numbers: { summary: "a number and a date-time", value: "info.cosellPartnerMetrics.successRate,creation_time" },
  },
  bodyExamples: ["info.cosellPartnerMetrics.pipeline.USD", ["creation_time", "info.cosellPartnerMetrics.successRate"]],
});

const histogram = namesParameter({
  description:
    `Up to ${MAX_HISTOGRAMS} comma-separated \`<field>:<interval>\`, over the same fields as \`stats\`. A date or ` +
    `date-time field takes ${CALENDAR_INTERVALS.map((i) => `\`${i}\``).join(", ")} (in UTC; weeks are ISO weeks, ` +
    "from Monday): a bucket's `key` is its start, `2024-05-01T00:00:00.000Z`. An integer or number field takes a " +
    "positive width (`10`, `0.5`, `1e3`): a value `v` falls in the bucket whose `key` is `floor(v / width) * width`, " +
    `computed exactly in decimal; at most ${MAX_WIDTH_DIGITS} significant digits, from 1e-${MAX_WIDTH_EXPONENT} to ` +
    `1e${MAX_WIDTH_EXPONENT}. Buckets \`{key, count}\` come by key ascending, empty ones left out; contacts ` +
    "without a value of the field's type count in a last bucket with `key` null (left out when empty). Answered " +
    "under `<canonical field>:<canonical interval>` (`creationTime:month` as `creation_time:month`, `…:10.0` as " +
    `\`…:10\`). A histogram with more than ${MAX_HISTOGRAM_BUCKETS} keyed buckets among the matching contacts is a 400: ` +
    "ask for a wider interval (`stats` gives the range).",
  schema: { type: "string" },
  examples: {
    months: { summary: "contacts created per month", value: "creation_time:month" },
    widths: {
      summary: "success rate by tens, and per quarter",
      value: "info.cosellPartnerMetrics.successRate:10,creation_time:quarter",
    },
  },
  bodyExamples: ["creation_time:month", ["creation_time:week", "info.cosellPartnerMetrics.pipeline.USD:10000"]],
});

const count = choiceParameter(
  FACET_COUNT_MODES,
  "exact",
  "How facet and histogram counts are computed: `exact` (default); `estimated` — exact when at most " +
    `${EXACT_COUNT_BOUND.toLocaleString("en-US")} contacts match; above that \`total_count\` (at least ` +
    `${(EXACT_COUNT_BOUND + 1).toLocaleString("en-US")}) and the facet and histogram counts may come from a sample ` +
    "of the organization's contacts, scaled, and `exact` is `false`. An estimated count of a value that holds at " +
    "least 1% of the matches is within ±10% of its exact count. `stats` are always exact.",
);

export const facetsEndpoint = endpoint({
  path: "/org/{orgId}/contact/facets",
  methods: ["GET", "POST"],
  operationId: "facetContacts",
  summary: "Count, summarize and bucket contacts (facets, stats, histograms)",
  description:
    "Among the organization's contacts matching `q` (and `search`): how many have each value of each `facet` field, the count, " +
    "min, max, sum and average of each `stats` field, and the buckets of each `histogram` — at least one of the " +
    "three is required. Null, missing and wrong-typed values count together under `null`; for an array of strings " +
    "each distinct element counts once per contact, and a contact with no string element (the array missing, " +
    "empty or not an array) once under `null`. Counts are exact unless `count=estimated` (then `exact` says " +
    "whether they are). The answer holds `facets`, `stats` and `histograms` only when asked for. Cached at the " +
    "edge like query pages (canonical key, ETag, 304).",
  authenticated: true,
  parameters: { q, qs, search, facet, limit, stats, histogram, count },
  bodyRequired: true,
  responses: {
    200: {
      description: "The counts. Cached at the edge under the canonical form of the request.",
      headers: CACHED_HEADERS,
      content: { "application/json": ref("FacetCounts") },
    },
    304: NOT_MODIFIED,
  },
  schemas: { FacetCounts, FacetValue, FieldStats, HistogramBucket },
  handle: (c, input) => respondCached(c, (deps) => facetContacts(c.get("organizationId"), input as FacetInput, deps)),
});
