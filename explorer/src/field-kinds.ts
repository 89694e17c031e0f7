import type { FieldInfo } from "./api/types.ts";

/**
 * Which fields each control offers, by their documented type (the facets
 * endpoint counts strings, numbers, booleans and arrays of strings; statistics
 * and histograms take numbers and dates). The API decides; these only keep the
 * pickers from offering what it would refuse.
 */
const FACETABLE = new Set(["string", "integer", "number", "boolean", "string[]"]);
const MEASURABLE = new Set(["integer", "number", "date", "date-time"]);
const DATES = new Set(["date", "date-time"]);

export const isFacetable = (field: FieldInfo) => FACETABLE.has(field.type);
export const isMeasurable = (field: FieldInfo) => MEASURABLE.has(field.type);
export const isDate = (field: FieldInfo) => DATES.has(field.type);
export const isStringArray = (field: FieldInfo | undefined) => field?.type === "string[]";

export const DATE_INTERVALS = ["day", "week", "month", "quarter", "year"] as const;

/** `-name` → { field: "name", descending: true }; the first key of a simple sort. */
export function primarySort(sort: string): { field: string; descending: boolean } | undefined {
  const first = sort.split(",")[0]?.trim();
  if (!first) return undefined;
  if (first.startsWith("-")) return { field: first.slice(1), descending: true };
  const [field = "", order] = first.split(":");
  return { field, descending: order?.toLowerCase() === "desc" };
}
