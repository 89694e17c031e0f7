/**
 * @module `facet=`: which fields the facets endpoint counts values of. Comma-separated
 * field names (a column by its filter name or response key, or `info.<path>`),
 * at most `MAX_FACET_FIELDS`. A facet field is a scalar string, integer, number
 * or boolean field, or an array of strings; dates and date-times, objects,
 * arrays of objects and maps are not (their values are instants or documents,
 * which a count of equal values does not summarize). A mistake is a 400 naming
 * the parameter, the field and its position; an unknown name gets the closest
 * facetable name as a hint.
 */
import { describeType, valueTypeOf } from "../contact/types.ts";
import { clip } from "../domain/client-text.ts";
import type { FilterNode } from "./ast.ts";
import type { CountMode } from "./count.ts";
import { CONTACT_SCOPE, type FieldRef, knownFieldNames, resolveField, suggestField } from "./field-registry.ts";
import type { Histogram } from "./histograms.ts";
import { parseList } from "./name-list.ts";
import { toJsonFilter } from "./print.ts";
import { QueryError, unknownField } from "./query-error.ts";
import type { MeasuredField } from "./stats.ts";

export const MAX_FACET_FIELDS = 5;
/** Values per field: `limit=` 1..MAX, default DEFAULT. */
export const DEFAULT_FACET_LIMIT = 10;
export const MAX_FACET_LIMIT = 100;

/** How a facet field's values are read: one typed value per contact, or the distinct strings of an array. */
export type FacetKind = "string" | "number" | "boolean" | "string-array";

export interface FacetField {
  /** The field, under its canonical name (the key of its counts in the answer). */
  readonly field: FieldRef;
  readonly kind: FacetKind;
}

/** The facet kind of a field, or undefined when it cannot be faceted. */
export function facetKindOf(field: FieldRef): FacetKind | undefined {
  const { type } = field;
  if (type.kind === "string-array") return "string-array";
  if (type.kind !== "scalar") return undefined;
  const value = valueTypeOf(type.scalar);
  return value === "timestamp" ? undefined : value;
}

/** Every name `facet=` accepts (aliases included, maps with their example key): for hints and docs. */
export function facetableNames(): string[] {
  return knownFieldNames(CONTACT_SCOPE).filter((name) => {
    const field = resolveField(name, CONTACT_SCOPE);
    return field !== undefined && facetKindOf(field) !== undefined;
  });
}

/**
 * Parses `facet=` text into its fields, canonical, without duplicates, in
 * code-point order of their names: the order of the answer's keys, so that
 * every spelling and order of the same set is one request (and one cache
 * entry). Throws `QueryError` (a 400).
 */
export function parseFacetFields(text: string, param = "facet"): FacetField[] {
  if (text.trim() === "") {
    throw new QueryError(param, "invalid-value", `required: 1 to ${MAX_FACET_FIELDS} comma-separated fields`);
  }
  return parseList(
    text,
    param,
    { max: MAX_FACET_FIELDS, items: "fields", empty: "empty field name" },
    ({ text: name, at }): FacetField => {
      const field = resolveField(name, CONTACT_SCOPE);
      if (!field) {
        const suggestion = suggestField(name, CONTACT_SCOPE, (candidate) => facetKindOf(candidate) !== undefined);
        throw unknownField(param, name, suggestion, at);
      }
      const kind = facetKindOf(field);
      if (!kind) {
        throw new QueryError(
          param,
          "type",
          `field '${clip(name)}' is of type ${describeType(field.type)}; facets count string, integer, number, boolean and string[] fields`,
          at,
        );
      }
      return { field, kind };
    },
    (facet) => facet.field.name,
  );
}

/** `count=` on the facets endpoint: exact (default), or estimated past EXACT_COUNT_BOUND matches. */
export const FACET_COUNT_MODES = ["exact", "estimated"] as const satisfies readonly CountMode[];
export type FacetCountMode = (typeof FACET_COUNT_MODES)[number];

/** A validated facets request: what the SQL and the cache key see. */
export interface FacetQuery {
  readonly filter: FilterNode | null;
  /** In the answer's order (see `parseFacetFields`). */
  readonly fields: readonly FacetField[];
  /** Values per field. */
  readonly limit: number;
  /** `stats=`, in the answer's order (src/query/stats.ts); none when absent. */
  readonly stats?: readonly MeasuredField[];
  /** `histogram=`, in the answer's order (src/query/histograms.ts); none when absent. */
  readonly histograms?: readonly Histogram[];
  /** Default `exact`. */
  readonly count?: FacetCountMode;
}

/**
 * The cache key's text: the filter canonical, the facet fields' canonical
 * names and their limit, the stats' fields, the histograms' keys, the count
 * mode — each list in its canonical order, so any order and spelling of the
 * same request is one entry.
 */
export function canonicalFacetQuery(query: FacetQuery): string {
  const f = query.filter ? toJsonFilter(query.filter) : null;
  const k = query.fields.map(({ field }) => field.name);
  const canonical: Record<string, unknown> = { f, k, l: k.length > 0 ? query.limit : null };
  if (query.stats?.length) canonical.s = query.stats.map(({ field }) => field.name);
  if (query.histograms?.length) canonical.h = query.histograms.map(({ key }) => key);
  if (query.count === "estimated") canonical.c = query.count;
  return `facets:${JSON.stringify(canonical)}`;
}
