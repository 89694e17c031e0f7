import type { ViewState } from "../state/view-state.ts";
import type { Capabilities } from "./capabilities.ts";

/**
 * The requests a view makes, as parameter lists: the one source for what the
 * page sends, what "Copy as curl" prints and what "Copy as TypeScript" writes.
 * Only parameters with a value are sent (an empty value means "absent"
 * anyway), and only those this server takes.
 */
export const PAGE_SIZE = 50;
const FACET_LIMIT = 10;

export type Params = [name: string, value: string][];
export type ExportFormat = "csv" | "ndjson";

/** The filter, syntax and search: what every endpoint is asked about. */
function selection(view: ViewState, capabilities: Capabilities): Params {
  const params: Params = [];
  if (view.q.trim()) params.push(["q", view.q]);
  if (view.q.trim() && view.qs === "json") params.push(["qs", "json"]);
  if (view.search.trim() && capabilities.search) params.push(["search", view.search.trim()]);
  return params;
}

export function queryParams(view: ViewState, capabilities: Capabilities, pageToken?: string): Params {
  const params = selection(view, capabilities);
  if (view.s.trim()) params.push(["s", view.s.trim()]);
  params.push(["page_size", String(PAGE_SIZE)]);
  if (view.fields.length > 0) params.push(["fields", view.fields.join(",")]);
  // Exact up to 10,000 matches, an estimate above: a console must stay fast on a large organization.
  params.push(["count", "estimated"]);
  if (pageToken) params.push(["page_token", pageToken]);
  return params;
}

/** The facets request, or undefined when the view asks for nothing it can. */
export function facetParams(view: ViewState, capabilities: Capabilities): Params | undefined {
  const params = selection(view, capabilities);
  const asks: Params = [];
  if (view.facets.length > 0) asks.push(["facet", view.facets.join(",")], ["limit", String(FACET_LIMIT)]);
  if (view.stats && capabilities.stats) asks.push(["stats", view.stats]);
  if (view.histogram && capabilities.histogram) asks.push(["histogram", view.histogram]);
  if (asks.length === 0) return undefined;
  if (capabilities.facetCount) asks.push(["count", "estimated"]);
  return [...params, ...asks];
}

export function exportParams(view: ViewState, capabilities: Capabilities, format: ExportFormat): Params {
  const params = selection(view, capabilities);
  if (view.s.trim()) params.push(["s", view.s.trim()]);
  if (view.fields.length > 0) params.push(["fields", view.fields.join(",")]);
  params.push(["format", format]);
  return params;
}

export function endpointPath(org: string, endpoint: "query" | "facets" | "export" | "fields"): string {
  return `/org/${encodeURIComponent(org)}/contact/${endpoint}`;
}

export function withParams(path: string, params: Params): string {
  const search = new URLSearchParams(params).toString();
  return search ? `${path}?${search}` : path;
}
