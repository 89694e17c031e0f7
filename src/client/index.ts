/**
 * The typed client: request and response types of the contact query API, and a
 * tiny query builder — build a filter as data, get its JSON or LISP text.
 *
 * ```ts
 * import { f, toLisp, toJson, searchParams } from "contact-query-api/client";
 *
 * const filter = f.and(f.eq("info.partner", "AWS"), f.gte("info.cosellPartnerMetrics.accountCount", 3));
 * toLisp(filter); // (and (= info.partner "AWS") (>= info.cosellPartnerMetrics.accountCount 3))
 * toJson(filter); // ["and",["=","info.partner","AWS"],[">=","info.cosellPartnerMetrics.accountCount",3]]
 * fetch(`${base}/org/${org}/contact/query?${searchParams({ q: filter, s: "-creation_time", page_size: 50 })}`, ...)
 * ```
 *
 * Field names are checked against the registry (src/client/fields.ts, generated
 * from it), and each operator only takes the fields and values it accepts: `f.gt("tags", 1)`
 * does not compile. Inside `f.any(field, (e) => ...)`, `e` knows the element's own fields.
 */
import type { z } from "zod";
import type {
  ContactInfo as ContactInfoSchema,
  ContactPage as ContactPageSchema,
  Contact as ContactSchema,
  FieldCatalog as FieldCatalogSchema,
  FieldEntry,
} from "../openapi/schemas.ts";
import { OPERATORS, type OperatorName } from "../query/operators.ts";
import { CONTACT_FIELDS } from "./fields.ts";

export { CONTACT_FIELDS };

// --- Responses ---------------------------------------------------------------

export type Contact = z.infer<typeof ContactSchema>;
export type ContactInfo = z.infer<typeof ContactInfoSchema>;
/** 200 of `GET|POST /org/:orgId/contact/query`. */
export type ContactPage = z.infer<typeof ContactPageSchema>;
/** 200 of `GET /org/:orgId/contact/fields`. */
export type FieldCatalog = z.infer<typeof FieldCatalogSchema>;
export type FieldDescription = z.infer<typeof FieldEntry>;
/** Every error body is a JSON string: parameter, problem, position. */
export type ErrorBody = string;

// --- Requests ----------------------------------------------------------------

/** A filter as data: the JSON syntax's tree, `["op", arg, ...]`. */
export type Filter = readonly [OperatorName, ...unknown[]];
export type SortKey<F extends string = SortableField> = { field: F; order?: "asc" | "desc" };

/** The parameters of a query, GET or POST (contract §1). */
export interface ContactQuery {
  /** A filter built with `f`, or filter text in the syntax named by `qs`. */
  q?: Filter | string | null;
  qs?: "lisp" | "json";
  /** `-creation_time,name`, or a list of sort keys. */
  s?: string | readonly SortKey[] | null;
  ss?: "simple" | "json";
  page_size?: number;
  page_number?: number;
}

/** The JSON body of `POST /org/:orgId/contact/query` for a query (filters as JSON, no size worries). */
export function queryBody(query: ContactQuery): Record<string, unknown> {
  const body: Record<string, unknown> = { ...query };
  if (Array.isArray(query.q)) body.qs = "json";
  if (Array.isArray(query.s)) body.ss = "json";
  return body;
}

/** The query string of `GET /org/:orgId/contact/query` (filters as LISP text, sorts as simple text). */
export function searchParams(query: ContactQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q != null) {
    params.set("q", typeof query.q === "string" ? query.q : toLisp(query.q));
    if (typeof query.q === "string" && query.qs) params.set("qs", query.qs);
  }
  if (query.s != null) {
    if (typeof query.s === "string") {
      params.set("s", query.s);
      if (query.ss) params.set("ss", query.ss);
    } else {
      params.set("s", query.s.map((key) => `${key.field}:${key.order ?? "asc"}`).join(","));
    }
  }
  if (query.page_size !== undefined) params.set("page_size", String(query.page_size));
  if (query.page_number !== undefined) params.set("page_number", String(query.page_number));
  return params;
}

// --- Field types from the registry ------------------------------------------

type Catalog = typeof CONTACT_FIELDS;
type Scope = { readonly [name: string]: string | Scope };
type KeysWhere<S extends Scope, T> = { [K in keyof S & string]: S[K] extends T ? K : never }[keyof S & string];

/** Map fields take any key (a currency code): `info.cosellPartnerMetrics.pipeline.EUR`. */
type MapKeys<S extends Scope> = `${KeysWhere<S, "map">}.${string}`;
/** The contact's fields: the registry, plus any key of a map field. */
export type ContactFields = Catalog & { readonly [K in MapKeys<Catalog>]: "number" };

type Ordered = "string" | "number" | "timestamp";
type ScalarType = Ordered | "boolean";
export type FieldName<S extends Scope = ContactFields> = keyof S & string;
export type SortableField = KeysWhere<ContactFields, ScalarType>;

/** The literal a field compares with: numbers for number fields, booleans for boolean ones, else strings. */
type ValueOf<S extends Scope, F extends keyof S> = S[F] extends "number"
  ? number
  : S[F] extends "boolean"
    ? boolean
    : string;
type ElementOf<S extends Scope, F extends keyof S> = S[F] extends Scope ? S[F] : never;

/** The operators, typed by the fields of a scope (the contact, or an array element inside `any`). */
export interface FilterBuilder<S extends Scope> {
  and(...filters: [Filter, ...Filter[]]): Filter;
  or(...filters: [Filter, ...Filter[]]): Filter;
  not(filter: Filter): Filter;
  /** `= null` means "is null or missing". */
  eq<F extends KeysWhere<S, ScalarType>>(field: F, value: ValueOf<S, F> | null): Filter;
  ne<F extends KeysWhere<S, ScalarType>>(field: F, value: ValueOf<S, F> | null): Filter;
  lt<F extends KeysWhere<S, Ordered>>(field: F, value: ValueOf<S, F>): Filter;
  lte<F extends KeysWhere<S, Ordered>>(field: F, value: ValueOf<S, F>): Filter;
  gt<F extends KeysWhere<S, Ordered>>(field: F, value: ValueOf<S, F>): Filter;
  gte<F extends KeysWhere<S, Ordered>>(field: F, value: ValueOf<S, F>): Filter;
  between<F extends KeysWhere<S, Ordered>>(field: F, low: ValueOf<S, F>, high: ValueOf<S, F>): Filter;
  in<F extends KeysWhere<S, ScalarType>>(field: F, values: readonly ValueOf<S, F>[]): Filter;
  notIn<F extends KeysWhere<S, ScalarType>>(field: F, values: readonly ValueOf<S, F>[]): Filter;
  like(field: KeysWhere<S, "string">, pattern: string): Filter;
  ilike(field: KeysWhere<S, "string">, pattern: string): Filter;
  notLike(field: KeysWhere<S, "string">, pattern: string): Filter;
  notIlike(field: KeysWhere<S, "string">, pattern: string): Filter;
  contains(field: KeysWhere<S, "string">, text: string): Filter;
  icontains(field: KeysWhere<S, "string">, text: string): Filter;
  startsWith(field: KeysWhere<S, "string">, text: string): Filter;
  istartsWith(field: KeysWhere<S, "string">, text: string): Filter;
  endsWith(field: KeysWhere<S, "string">, text: string): Filter;
  iendsWith(field: KeysWhere<S, "string">, text: string): Filter;
  isNull(field: FieldName<S>): Filter;
  isNotNull(field: FieldName<S>): Filter;
  has(field: KeysWhere<S, "array of strings">, value: string): Filter;
  hasAny(field: KeysWhere<S, "array of strings">, values: readonly string[]): Filter;
  hasAll(field: KeysWhere<S, "array of strings">, values: readonly string[]): Filter;
  /** Some element of an array of objects satisfies the filter built from the element's own fields. */
  any<F extends KeysWhere<S, Scope>>(field: F, build: (element: FilterBuilder<ElementOf<S, F>>) => Filter): Filter;
}

/** The operator each builder method writes (`any` is built apart: it takes a builder callback). */
const METHOD_OPERATORS = {
  and: "and",
  or: "or",
  not: "not",
  eq: "=",
  ne: "!=",
  lt: "<",
  lte: "<=",
  gt: ">",
  gte: ">=",
  between: "between",
  in: "in",
  notIn: "not-in",
  like: "like",
  ilike: "ilike",
  notLike: "not-like",
  notIlike: "not-ilike",
  contains: "contains",
  icontains: "icontains",
  startsWith: "starts-with",
  istartsWith: "istarts-with",
  endsWith: "ends-with",
  iendsWith: "iends-with",
  isNull: "is-null",
  isNotNull: "is-not-null",
  has: "has",
  hasAny: "has-any",
  hasAll: "has-all",
} as const satisfies Record<Exclude<keyof FilterBuilder<Scope>, "any">, OperatorName>;

/** What the operator's argument at `index` is (operators.ts). */
function argumentKind(op: OperatorName, index: number) {
  const kinds = OPERATORS[op];
  return kinds === "filters" ? "filter" : kinds[index];
}

/** A filter node; lists are copied, so changing the caller's array later does not change the filter. */
function node(op: OperatorName, args: readonly unknown[]): Filter {
  return [op, ...args.map((arg, index) => (argumentKind(op, index) === "list" ? [...(arg as unknown[])] : arg))];
}

/** Every method, untyped: `any` hands its callback this same object. */
const methods: Record<keyof FilterBuilder<Scope>, (...args: never[]) => Filter> = {
  ...(Object.fromEntries(
    Object.entries(METHOD_OPERATORS).map(([method, op]) => [method, (...args: unknown[]) => node(op, args)]),
  ) as Record<keyof typeof METHOD_OPERATORS, (...args: unknown[]) => Filter>),
  any: (field: string, build: (element: typeof methods) => Filter) => node("any", [field, build(methods)]),
};

/** The filter builder over the contact's fields. A scope only narrows the methods' types (FilterBuilder). */
export const f = methods as unknown as FilterBuilder<ContactFields>;

// --- Printing ----------------------------------------------------------------

/** The JSON syntax (`qs=json`) of a filter. */
export function toJson(filter: Filter): string {
  return JSON.stringify(filter);
}

/** The LISP syntax (`qs=lisp`, the default) of a filter: fields bare, literals as JSON. */
export function toLisp(filter: Filter): string {
  const [op, ...args] = filter;
  const printed = args.map((arg, index) => {
    switch (argumentKind(op, index)) {
      case "filter":
        return toLisp(arg as Filter);
      case "field":
        return String(arg);
      case "list":
        return `(${(arg as unknown[]).map((value) => JSON.stringify(value)).join(" ")})`;
      default:
        return JSON.stringify(arg);
    }
  });
  return `(${[op, ...printed].join(" ")})`;
}
