/**
 * @module Facets, stats and histograms: among the contacts matching a filter,
 * how many have each value of each facet field, the count, min, max, sum and
 * avg of each stats field, and the buckets of each histogram
 * (src/query/facets.ts, stats.ts and histograms.ts say which fields and
 * intervals; src/sql/facets.ts answers them all in one statement). Cached at
 * the edge exactly like a page: under the organization, its cache generation
 * and the canonical request (the filter canonical, each list's canonical
 * names in canonical order, the limit, the count mode), with the same
 * freshness, stale-while-revalidate and stale-if-error.
 */
import { type CachedAnswer, cachedAnswer } from "../cache/answer-cache.ts";
import type { StoredAnswer } from "../cache/edge-cache.ts";
import { strongEtag } from "../cache/etag.ts";
import { type FacetInput, parseFacetQuery } from "../query/facet-request.ts";
import { canonicalFacetQuery, type FacetQuery } from "../query/facets.ts";
import { type Histogram, MAX_HISTOGRAM_BUCKETS } from "../query/histograms.ts";
import { QueryError } from "../query/query-error.ts";
import { facetsStatement } from "../sql/facets.ts";
import type { ServiceDeps } from "./deps.ts";

export type { FacetInput };

export async function facetContacts(
  organizationId: string,
  input: FacetInput,
  deps: ServiceDeps,
): Promise<CachedAnswer> {
  const query = parseFacetQuery(input);
  return cachedAnswer(organizationId, canonicalFacetQuery(query), () => loadFacets(organizationId, query, deps), deps);
}

/**
 * The one row of the facets statement: `total_count`, `exact`, then per item
 * in the query's order `facet_<i>`, `stats_<i>`, `histogram_<i>` (JSON text)
 * and `histogram_<i>_keyed`.
 */
type FacetRow = Record<string, unknown> & { total_count: string | number; exact: boolean };

async function loadFacets(organizationId: string, query: FacetQuery, deps: ServiceDeps): Promise<StoredAnswer> {
  const statement = facetsStatement(organizationId, query);
  const [row] = await deps.database((db) => db.rows<FacetRow>(statement.toSql()));
  if (!row) throw new Error("the facets statement returned no row");
  const histograms = query.histograms ?? [];
  histograms.forEach((histogram, i) => {
    if (Number(row[`histogram_${i}_keyed`]) > MAX_HISTOGRAM_BUCKETS) throw tooManyBuckets(histogram);
  });
  const parts: string[] = [];
  let values = 0;
  const keyed = (items: readonly { name: string; json: string }[]) =>
    `{${items.map(({ name, json }) => `${JSON.stringify(name)}:${json}`).join(",")}}`;
  if (query.fields.length > 0) {
    const facets = query.fields.map(({ field }, i) => {
      const json = String(row[`facet_${i}`] ?? "[]");
      values += countEntries(json, '{"value"');
      return { name: field.name, json };
    });
    parts.push(`"facets":${keyed(facets)}`);
  }
  if (query.stats?.length) {
    parts.push(
      `"stats":${keyed(query.stats.map(({ field }, i) => ({ name: field.name, json: String(row[`stats_${i}`]) })))}`,
    );
  }
  if (histograms.length > 0) {
    const buckets = histograms.map(({ key }, i) => {
      const json = String(row[`histogram_${i}`] ?? "[]");
      values += countEntries(json, '{"key"');
      return { name: key, json };
    });
    parts.push(`"histograms":${keyed(buckets)}`);
  }
  parts.push(`"total_count":${Number(row.total_count)}`, `"exact":${row.exact === true}`);
  const body = `{${parts.join(",")}}`;
  return { body, etag: await strongEtag(body), storedAt: deps.clock(), rows: values };
}

function tooManyBuckets({ key }: Histogram): QueryError {
  return new QueryError(
    "histogram",
    "limit",
    `'${key}' has more than ${MAX_HISTOGRAM_BUCKETS} buckets among the matching contacts; use a wider interval`,
  );
}

/**
 * How many entries a rendered list holds (for the request log), without
 * parsing it: each starts with `start` (`{"value"`, `{"key"`), which no
 * string value can contain unescaped.
 */
function countEntries(json: string, start: string): number {
  let entries = 0;
  for (let at = json.indexOf(start); at !== -1; at = json.indexOf(start, at + 1)) entries += 1;
  return entries;
}
