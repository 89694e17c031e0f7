import type { CanonicalName, ContactFields, ProjectableField, ProjectedKey } from "./filter-types.js";
import type { Contact } from "./generated/contact.js";

/** The service's answers, as types. */

/** A contact of an answer with `fields`: `id` and the named keys only (every `info` path lands under `info`). */
export type ProjectedContact<F extends string> = Pick<Contact, "id" | ProjectedKey<F>>;

/** What `fields` may be: a list of fields (typed answers), or comma-separated text (keys unknown until run time). */
export type Projection = readonly ProjectableField[] | string;

/** The contact of an answer, by the request's `fields`: whole, typed by the list, or partial for text. */
export type ContactOf<P extends Projection | undefined> = P extends readonly (infer F extends string)[]
  ? ProjectedContact<F>
  : P extends string
    ? Pick<Contact, "id"> & Partial<Contact>
    : Contact;

/** One page of `query()` or `pages()`. */
export interface ContactPage<C = Contact> {
  data: C[];
  page_number: number;
  page_size: number;
  /** Every contact matching the filter: exact, estimated above 10,000 with `count: "estimated"`, `null` with `count: "none"`. */
  total_count: number | null;
  /** `true` when `total_count` is the exact count. */
  total_count_exact: boolean;
  /** Pass it as `page_token` (same `q`, `search` and `s`) for the next page; `null` on the last page. */
  next_page_token: string | null;
}

/** One value of a facet field and how many matching contacts have it; `null` counts null, missing and wrong-typed values. */
export interface FacetValue {
  value: string | number | boolean | null;
  count: number;
}

/** `stats` of a number field: over the contacts whose value is a number (`count` of them); all `null` when `count` is 0. */
export interface NumberStats {
  count: number;
  min: number | null;
  max: number | null;
  sum: number | null;
  avg: number | null;
}

/** `stats` of a date or date-time field: `min` / `max` as ISO-8601 UTC; no sum or average. */
export interface DateStats {
  count: number;
  min: string | null;
  max: string | null;
  sum: null;
  avg: null;
}

/**
 * One histogram bucket: its key is the bucket's start (an ISO-8601 UTC
 * instant for dates, a number for numbers), or `null` for the contacts
 * without a value of the field's type (the last bucket).
 */
export interface HistogramBucket {
  key: string | number | null;
  count: number;
}

/** The answer of `facets()`: only the keys asked for are present. */
export interface FacetsAnswer {
  /** Per facet field, under its canonical name: its most frequent values, by count descending. */
  facets?: Record<string, FacetValue[]>;
  /** Per stats field, under its canonical name. */
  stats?: Record<string, NumberStats | DateStats>;
  /** Per `field:interval`, the non-empty buckets by key ascending. */
  histograms?: Record<string, HistogramBucket[]>;
  /** The contacts matching `q` and `search`. */
  total_count: number;
  /** `false` when, with `count: "estimated"`, the counts come from a sample. */
  exact: boolean;
}

/** The stats of a field, by its kind. */
type StatsOf<F extends string> = F extends keyof ContactFields
  ? ContactFields[F] extends { readonly kind: "number" }
    ? NumberStats
    : DateStats
  : NumberStats | DateStats;

/** `facets()`'s answer for its request: the keys asked for are there, keyed by the canonical names asked for. */
export type FacetsAnswerFor<F, S, H> = Omit<FacetsAnswer, "facets" | "stats" | "histograms"> &
  (F extends readonly (infer N extends string)[]
    ? { facets: Record<CanonicalName<N>, FacetValue[]> }
    : F extends string
      ? { facets: Record<string, FacetValue[]> }
      : unknown) &
  (S extends readonly (infer N extends string)[]
    ? { stats: { [K in N as CanonicalName<K>]: StatsOf<K> } }
    : S extends string
      ? { stats: Record<string, NumberStats | DateStats> }
      : unknown) &
  (H extends readonly string[] | string ? { histograms: Record<string, HistogramBucket[]> } : unknown);

/** A field of `fields()`'s catalog. */
export interface FieldDescription {
  /** Canonical name, usable in filters and sorts. */
  name: string;
  /** The response's camelCase name, accepted too. */
  alias?: string;
  /** The documented type: `string`, `integer`, `date-time`, `string[]`, `object[]`, `map<currency, number>`, … */
  type: string;
  description?: string;
  /** The documented values of an enumerated field. */
  enum?: string[];
  /** Documented as possibly null. */
  nullable?: boolean;
  /** The operators the field takes (canonical names). */
  operators: string[];
  sortable: boolean;
  /** An array of objects: the element's fields, usable inside `any`. */
  elementFields?: FieldDescription[];
}

/** The answer of `fields()`. */
export interface FieldCatalog {
  fields: FieldDescription[];
}

/** The answer of `purge()`. */
export interface PurgeResult {
  purged: true;
  organization_id: string;
  /** The organization's new cache generation. */
  generation: string;
}

/** Where in `q` (or another text parameter) an error is: line and column of LISP text, a JSON pointer of JSON. */
export type ErrorPosition = { line: number; column: number } | { pointer: string };

/** An error answer as RFC 9457 problem details (`application/problem+json`). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  param: string | null;
  position: ErrorPosition | null;
  hint: string | null;
}
