/**
 * @module The facets endpoint's request, after the HTTP layer's checks,
 * turned into a `FacetQuery`: the filter (with `search`), the facet fields and their limit,
 * the stats fields, the histograms and the count mode. At least one of
 * `facet`, `stats` and `histogram` is required.
 */

import { type FacetCountMode, type FacetQuery, parseFacetFields } from "./facets.ts";
import { parseHistograms } from "./histograms.ts";
import { parseFilter } from "./parse-query.ts";
import { QueryError } from "./query-error.ts";
import { parseSearch, withSearch } from "./search.ts";
import { parseStatsFields } from "./stats.ts";

/** A list parameter: comma-separated text, or (POST) a list of items. */
type ListInput = string | readonly string[] | undefined;

export interface FacetInput {
  q?: unknown;
  qs: "lisp" | "json";
  facet?: ListInput;
  limit: number;
  stats?: ListInput;
  histogram?: ListInput;
  count?: FacetCountMode;
  /** `search=`, ANDed onto `q` (search.ts). */
  search?: string;
}

/** Absent, or empty (an empty list in a body): not asked for. */
function listText(value: ListInput): string | undefined {
  const text = typeof value === "string" ? value : value?.join(",");
  return text === undefined || text === "" ? undefined : text;
}

/** Parses and checks the request; throws `QueryError` (a 400). */
export function parseFacetQuery(input: FacetInput): FacetQuery {
  const facet = listText(input.facet);
  const stats = listText(input.stats);
  const histogram = listText(input.histogram);
  if (facet === undefined && stats === undefined && histogram === undefined) {
    throw new QueryError("facet", "invalid-value", "at least one of facet, stats or histogram is required");
  }
  return {
    filter: withSearch(parseFilter(input.q, input.qs), parseSearch(input.search)),
    fields: facet === undefined ? [] : parseFacetFields(facet),
    limit: input.limit,
    stats: stats === undefined ? [] : parseStatsFields(stats),
    histograms: histogram === undefined ? [] : parseHistograms(histogram),
    count: input.count ?? "exact",
  };
}
