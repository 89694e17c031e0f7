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
 * Field names are checked against the registry (src/client/contact-fields.ts, generated
 * from it), and each operator only takes the fields and values it accepts: `f.gt("tags", 1)`
 * does not compile. Inside `f.any(field, (e) => ...)`, `e` knows the element's own fields.
 */
import type { z } from "zod";
import type { FacetCounts as FacetCountsSchema } from "../openapi/export-facets-schemas.ts";
import type {
  ContactInfo as ContactInfoSchema,
  ContactPage as ContactPageSchema,
  Contact as ContactSchema,
  FieldCatalog as FieldCatalogSchema,
  FieldEntry,
} from "../openapi/schemas.ts";
import {
  argumentKindAt,
  argumentShape,
  OPERATORS,
  type OperatorName,
  type OperatorSpec,
  type OperatorTable,
} from "../query/operators.ts";
import { printLisp } from "../query/print.ts";
import { CONTACT_FIELDS } from "./contact-fields.ts";

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

/** The parameters of a query, GET or POST. */
export interface ContactQuery {
  /** A filter built with `f`, or filter text in the syntax named by `qs`. */
  q?: Filter | string | null;
  qs?: "lisp" | "json";
  /** `-creation_time,name`, or a list of sort keys. */
  s?: string | readonly SortKey[] | null;
  ss?: "simple" | "json";
  page_size?: number;
  page_number?: number;
  /** The `next_page_token` of the page before (not together with `page_number`). */
  page_token?: string;
  /** `exact` (default), `estimated` (exact up to 10,000) or `none` (`total_count` is null). */
  count?: "exact" | "estimated" | "none";
  /** The fields each contact holds besides `id`: column names or response keys, `info`, `info.<path>`. */
  fields?: string | readonly string[];
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
  if (query.page_token !== undefined) params.set("page_token", query.page_token);
  if (query.count !== undefined) params.set("count", query.count);
  if (query.fields !== undefined) {
    params.set("fields", typeof query.fields === "string" ? query.fields : query.fields.join(","));
  }
  return params;
}

/** Where and as whom `pages` asks: the API's base URL, the organization and an API key. */
export interface Connection {
  baseUrl: string;
  organizationId: string;
  apiKey: string;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * Every page of a query, following `next_page_token` until the last page:
 * a walk in which each page costs about what the first does, however deep,
 * and no row is seen twice even while contacts are added or removed.
 *
 * ```ts
 * for await (const page of pages(connection, { q: f.has("tags", "vip"), page_size: 1000, count: "none" })) {
 *   for (const contact of page.data) handle(contact);
 * }
 * ```
 *
 * A page that is not a 200 ends the walk with an error carrying the status and the API's message.
 */
export async function* pages(
  connection: Connection,
  query: Omit<ContactQuery, "page_number" | "page_token">,
): AsyncGenerator<ContactPage, void, undefined> {
  const send = connection.fetch ?? fetch;
  const url = `${connection.baseUrl.replace(/\/$/, "")}/org/${encodeURIComponent(connection.organizationId)}/contact/query`;
  let token: string | undefined;
  do {
    const response = await send(url, {
      method: "POST",
      headers: { Authorization: `Bearer ${connection.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify(queryBody({ ...query, ...(token ? { page_token: token } : {}) })),
    });
    if (response.status !== 200) {
      throw new Error(`page ${token ? "after a token" : "1"}: ${response.status} ${await response.text()}`);
    }
    const page = (await response.json()) as ContactPage;
    yield page;
    token = page.next_page_token ?? undefined;
  } while (token);
}

// --- Exports and facets -----------------------------------------------------

/** The parameters of an export: a query's filter, sort and projection (no page: every matching contact). */
export type ContactExportQuery = Pick<ContactQuery, "q" | "qs" | "s" | "ss" | "fields">;

/**
 * Every contact a query matches, in its order, from `POST /org/:orgId/contact/export`
 * (NDJSON), parsed line by line as the response streams: memory stays flat
 * however large the export.
 *
 * ```ts
 * for await (const contact of exportContacts(connection, { q: f.has("tags", "vip"), s: "name" })) handle(contact);
 * ```
 *
 * With `fields`, each contact holds `id` and those keys only: name the type,
 * `exportContacts<Pick<Contact, "id" | "name">>(…)`. An answer that is not a 200
 * throws with its status and the API's message; a response cut short (the
 * service aborts it when it fails mid-way) throws too — never a clean end.
 */
export async function* exportContacts<T extends Partial<Contact> = Contact>(
  connection: Connection,
  query: ContactExportQuery = {},
): AsyncGenerator<T, void, undefined> {
  const response = await send(connection, "export", { ...queryBody(query), format: "ndjson" });
  if (response.status !== 200) throw new Error(`export: ${response.status} ${await response.text()}`);
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let end = buffered.indexOf("\n");
      let start = 0;
      while (end !== -1) {
        yield JSON.parse(buffered.slice(start, end)) as T;
        start = end + 1;
        end = buffered.indexOf("\n", start);
      }
      buffered = buffered.slice(start);
    }
  } finally {
    reader.releaseLock();
  }
  buffered += decoder.decode();
  // Every line of an export ends with "\n": anything left is a cut line.
  if (buffered !== "") throw new Error("export: the response ended inside a line");
}

/** The fields `facet` takes: string, integer, number and boolean fields, and arrays of strings. */
export type FacetableField = FieldsOf<ContactFields, "string" | "number" | "boolean" | "string-array">;

/** The parameters of `POST /org/:orgId/contact/facets`. */
export interface FacetRequest {
  /** A filter built with `f`, or filter text in the syntax named by `qs`. */
  q?: Filter | string | null;
  qs?: "lisp" | "json";
  /** 1 to 5 fields; the answer is keyed by their canonical names. */
  facet: readonly FacetableField[] | string;
  /** Values per field, 1..100 (default 10). */
  limit?: number;
}

/** 200 of `GET|POST /org/:orgId/contact/facets`. */
export type FacetCounts = z.infer<typeof FacetCountsSchema>;

/**
 * Counts, among the contacts matching `q`, how many have each value of each
 * `facet` field. A status other than 200 throws with the API's message.
 *
 * ```ts
 * const { facets: counts, total_count } = await facets(connection, { q: f.has("tags", "partner"), facet: ["info.partner"] });
 * ```
 */
export async function facets(connection: Connection, request: FacetRequest): Promise<FacetCounts> {
  const body: Record<string, unknown> = { ...request };
  if (Array.isArray(request.q)) body.qs = "json";
  const response = await send(connection, "facets", body);
  if (response.status !== 200) throw new Error(`facets: ${response.status} ${await response.text()}`);
  return (await response.json()) as FacetCounts;
}

/** A POST with a JSON body to one of the organization's contact endpoints. */
function send(connection: Connection, endpoint: string, body: unknown): Promise<Response> {
  const url = `${connection.baseUrl.replace(/\/$/, "")}/org/${encodeURIComponent(connection.organizationId)}/contact/${endpoint}`;
  return (connection.fetch ?? fetch)(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${connection.apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

// --- Field types from the registry ------------------------------------------

type Catalog = typeof CONTACT_FIELDS;
type Scope = { readonly [name: string]: string | Scope };
type KeysWhere<S extends Scope, T> = { [K in keyof S & string]: S[K] extends T ? K : never }[keyof S & string];

/** Map fields take any key (a currency code): `info.cosellPartnerMetrics.pipeline.EUR`. */
type MapKeys<S extends Scope> = `${KeysWhere<S, `map<${string}>`>}.${string}`;
/** The contact's fields: the registry, plus any key of a map field. */
export type ContactFields = Catalog & { readonly [K in MapKeys<Catalog>]: "number" };

/** The documented type names of each kind of field an operator may apply to (src/contact/types.ts). */
type TypeNames = {
  string: "string";
  number: "integer" | "number";
  boolean: "boolean";
  timestamp: "date" | "date-time";
  "string-array": "string[]";
  "object-array": Scope;
  object: "object";
  map: `map<${string}>`;
};
type FieldsOf<S extends Scope, C extends keyof TypeNames> = KeysWhere<S, TypeNames[C]>;

export type FieldName<S extends Scope = ContactFields> = keyof S & string;
export type SortableField = FieldsOf<ContactFields, "string" | "number" | "boolean" | "timestamp">;

/** The literal a field compares with: numbers for number fields, booleans for boolean ones, else strings. */
type ValueOf<S extends Scope, F extends keyof S> = S[F] extends TypeNames["number"]
  ? number
  : S[F] extends "boolean"
    ? boolean
    : string;
type ElementOf<S extends Scope, F extends keyof S> = S[F] extends Scope ? S[F] : never;

/** A method's signature, from its operator's arguments (A) and the kinds of field it applies to (C). */
type Signature<S extends Scope, A, C extends keyof TypeNames> = A extends readonly ["filters"]
  ? (...filters: [Filter, ...Filter[]]) => Filter
  : A extends readonly ["filter"]
    ? (filter: Filter) => Filter
    : A extends readonly ["field"]
      ? (field: FieldsOf<S, C>) => Filter
      : A extends readonly ["field", "value-or-null"]
        ? <F extends FieldsOf<S, C>>(field: F, value: ValueOf<S, F> | null) => Filter
        : A extends readonly ["field", "value"]
          ? <F extends FieldsOf<S, C>>(field: F, value: ValueOf<S, F>) => Filter
          : A extends readonly ["field", "value", "value"]
            ? <F extends FieldsOf<S, C>>(field: F, low: ValueOf<S, F>, high: ValueOf<S, F>) => Filter
            : A extends readonly ["field", "values"]
              ? <F extends FieldsOf<S, C>>(field: F, values: readonly ValueOf<S, F>[]) => Filter
              : A extends readonly ["field", "text" | "pattern"]
                ? (field: FieldsOf<S, C>, text: string) => Filter
                : A extends readonly ["field", "texts"]
                  ? (field: FieldsOf<S, C>, values: readonly string[]) => Filter
                  : A extends readonly ["field", "element-filter"]
                    ? <F extends FieldsOf<S, C>>(
                        field: F,
                        build: (element: FilterBuilder<ElementOf<S, F>>) => Filter,
                      ) => Filter
                    : never;

type MethodOf<S extends Scope, Spec> =
  Spec extends OperatorSpec<infer A, infer Fields, string> ? Signature<S, A, Fields[number] & keyof TypeNames> : never;

/**
 * The operators, typed by the fields of a scope (the contact, or an array
 * element inside `any`): one method per entry of the operator table
 * (src/query/operators.ts), named by its `method`. `eq(field, null)` means
 * "is null or missing".
 */
export type FilterBuilder<S extends Scope> = {
  readonly [N in OperatorName as OperatorTable[N]["method"]]: MethodOf<S, OperatorTable[N]>;
};

/** A filter node; lists are copied, and an element filter given as a builder callback is built. */
function node(op: OperatorName, args: readonly unknown[]): Filter {
  return [
    op,
    ...args.map((arg, index) => {
      const kind = argumentKindAt(op, index);
      if (kind === "element-filter" && typeof arg === "function") return arg(f);
      return kind && argumentShape(kind) === "list" ? [...(arg as unknown[])] : arg;
    }),
  ];
}

/** The filter builder over the contact's fields. A scope only narrows the methods' types (FilterBuilder). */
export const f = Object.fromEntries(
  (Object.entries(OPERATORS) as [OperatorName, OperatorTable[OperatorName]][]).map(([op, spec]) => [
    spec.method,
    (...args: unknown[]) => node(op, args),
  ]),
) as unknown as FilterBuilder<ContactFields>;

// --- Printing ----------------------------------------------------------------

/** The JSON syntax (`qs=json`) of a filter. */
export function toJson(filter: Filter): string {
  return JSON.stringify(filter);
}

/** The LISP syntax (`qs=lisp`, the default) of a filter: fields bare, literals as JSON. */
export function toLisp(filter: Filter): string {
  return printLisp(filter);
}
