/**
 * What this server's API takes, read from its OpenAPI document (public, no
 * key): the parameters each endpoint declares. The document is generated from
 * the very schemas that validate requests, so a parameter it lists is one the
 * server accepts — and one it does not list would be a 400 "unknown
 * parameter". The page offers search, statistics and histograms only where
 * the server takes them, and needs no change when a server starts to.
 */
export interface Capabilities {
  /** `search` on the query, facets and export endpoints. */
  search: boolean;
  /** `stats` on the facets endpoint. */
  stats: boolean;
  /** `histogram` on the facets endpoint. */
  histogram: boolean;
  /** `count` on the facets endpoint (`estimated` for large organizations). */
  facetCount: boolean;
}

/** What the page assumes until the document is read (and when it cannot be): the oldest API. */
export const BASELINE: Capabilities = { search: false, stats: false, histogram: false, facetCount: false };

type Operation = { parameters?: { name?: string; in?: string }[] };
type OpenApiDocument = { paths?: Record<string, Record<string, Operation | undefined> | undefined> };

export async function readCapabilities(fetchImpl: typeof fetch = fetch): Promise<Capabilities> {
  const response = await fetchImpl("/openapi.json", { headers: { Accept: "application/json" } });
  if (!response.ok) return BASELINE;
  const document = (await response.json()) as OpenApiDocument;
  const takes = (endpoint: string, name: string) =>
    (document.paths?.[`/org/{orgId}/contact/${endpoint}`]?.get?.parameters ?? []).some(
      (parameter) => parameter.in === "query" && parameter.name === name,
    );
  return {
    search: takes("query", "search") && takes("facets", "search") && takes("export", "search"),
    stats: takes("facets", "stats"),
    histogram: takes("facets", "histogram"),
    facetCount: takes("facets", "count"),
  };
}
