/**
 * @module Facets: among the contacts matching a filter, how many have each value
 * of each facet field (src/query/facets.ts says which fields; src/sql/facets.ts
 * counts them in one statement). Cached at the edge exactly like a page: under
 * the organization, its cache generation and the canonical request (the
 * filter canonical, the fields' canonical names, the limit), with the same
 * freshness, stale-while-revalidate and stale-if-error.
 */
import { type CachedAnswer, cachedAnswer } from "../cache/answer-cache.ts";
import type { StoredAnswer } from "../cache/edge-cache.ts";
import { strongEtag } from "../cache/etag.ts";
import { canonicalFacetQuery, type FacetQuery, parseFacetFields } from "../query/facets.ts";
import { parseFilter } from "../query/parse-query.ts";
import { parseSearch, withSearch } from "../query/search.ts";
import { facetsStatement } from "../sql/facets.ts";
import type { ServiceDeps } from "./deps.ts";

export interface FacetInput {
  q?: unknown;
  qs: "lisp" | "json";
  /** Comma-separated field names, or (POST) a list of them; required. */
  facet?: string | readonly string[] | undefined;
  limit: number;
  /** `search=`, ANDed onto `q` (src/query/search.ts). */
  search?: string;
}

export function parseFacetQuery(input: FacetInput): FacetQuery {
  const text = typeof input.facet === "string" ? input.facet : (input.facet ?? []).join(",");
  const filter = withSearch(parseFilter(input.q, input.qs), parseSearch(input.search));
  return { filter, fields: parseFacetFields(text), limit: input.limit };
}

export async function facetContacts(
  organizationId: string,
  input: FacetInput,
  deps: ServiceDeps,
): Promise<CachedAnswer> {
  const query = parseFacetQuery(input);
  return cachedAnswer(organizationId, canonicalFacetQuery(query), () => loadFacets(organizationId, query, deps), deps);
}

/** The one row of the facets statement: `total_count`, then `facet_<i>` per field, in the query's order. */
type FacetRow = Record<string, unknown> & { total_count: string | number };

async function loadFacets(organizationId: string, query: FacetQuery, deps: ServiceDeps): Promise<StoredAnswer> {
  const statement = facetsStatement(organizationId, query);
  const [row] = await deps.database((db) => db.rows<FacetRow>(statement.toSql()));
  if (!row) throw new Error("the facets statement returned no row");
  let body = '{"facets":{';
  let values = 0;
  query.fields.forEach(({ field }, i) => {
    const counts = String(row[`facet_${i}`] ?? "[]");
    values += countEntries(counts);
    body += `${i > 0 ? "," : ""}${JSON.stringify(field.name)}:${counts}`;
  });
  body += `},"total_count":${Number(row.total_count)}}`;
  return { body, etag: await strongEtag(body), storedAt: deps.clock(), rows: values };
}

/**
 * How many entries a rendered list holds (for the request log), without
 * parsing it: each starts `{"value"`, which no string value can contain unescaped.
 */
function countEntries(json: string): number {
  let entries = 0;
  for (let at = json.indexOf('{"value"'); at !== -1; at = json.indexOf('{"value"', at + 1)) entries += 1;
  return entries;
}
