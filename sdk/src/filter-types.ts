import type { COLUMN_KEYS, FIELDS } from "./generated/fields.js";
import type { OPERATORS, OperatorMethods } from "./generated/operators.js";

/**
 * The types that tie the filter builder, sorts, projections and facets to the
 * contact's fields (generated/fields.ts) and the operators
 * (generated/operators.ts): a field name that does not exist, an operator on a
 * field it does not apply to, or a value of the wrong type (an enum value in
 * the wrong case included) does not compile.
 */

/** The kind of field an operator looks at: a scalar's value type, or the kind of a composite field. */
export type FieldKind =
  | "string"
  | "number"
  | "boolean"
  | "timestamp"
  | "string-array"
  | "object-array"
  | "object"
  | "map";

/** What the SDK knows of one field (generated/fields.ts). */
export interface FieldDescriptor {
  readonly type: string;
  readonly kind: FieldKind;
  readonly enum?: readonly string[];
  readonly sortable: boolean;
  readonly facetable: boolean;
  /** An array of objects: the element's fields, named as inside `any`. */
  readonly element?: Scope;
  /** A map: the pattern of its keys, and the field each key names. */
  readonly keyPattern?: string;
  readonly value?: FieldDescriptor;
}

/** The fields of a scope, by name: the contact's, or an array element's inside `any`. */
export type Scope = { readonly [name: string]: FieldDescriptor };

/** A map field takes any key of its pattern (3-letter currency codes): `info.cosellPartnerMetrics.pipeline.EUR`. */
type MapKeyFields<S extends Scope> = {
  readonly [K in keyof S & string as S[K]["kind"] extends "map" ? `${K}.${Uppercase<string>}` : never]: NonNullable<
    S[K]["value"]
  >;
};

/** A scope's fields with its maps' keys. */
export type WithMapKeys<S extends Scope> = S & MapKeyFields<S>;

/** The contact's fields: every column (by filter name and response key), every documented `info` path. */
export type ContactFields = WithMapKeys<typeof FIELDS>;

/** Any field name of a scope. */
export type FieldName<S extends Scope = ContactFields> = keyof S & string;

/** The fields of a scope whose descriptor matches `D`. */
export type FieldsWhere<S extends Scope, D> = { [K in keyof S & string]: S[K] extends D ? K : never }[keyof S & string];

/** The fields of a scope of the given kinds. */
export type FieldsOfKind<S extends Scope, K extends FieldKind> = FieldsWhere<S, { readonly kind: K }>;

export type SortableField = FieldsWhere<ContactFields, { readonly sortable: true }>;
export type FacetableField = FieldsWhere<ContactFields, { readonly facetable: true }>;
/** What `fields` takes: any field of the contact, or `info` for the whole document. */
export type ProjectableField = FieldName | "info";

/** The literal an equality or `in` compares a field with: a documented enum value, exactly as documented. */
type EqualsValue<D extends FieldDescriptor> = D["kind"] extends "number"
  ? number
  : D["kind"] extends "boolean"
    ? boolean
    : D extends { readonly enum: readonly (infer E)[] }
      ? E
      : string;
/** The literal an ordered comparison takes: numbers for numbers, else text (instants as ISO-8601). */
type OrderedValue<D extends FieldDescriptor> = D["kind"] extends "number" ? number : string;
type ElementOf<D extends FieldDescriptor> = D["element"] extends Scope ? D["element"] : never;

/** A filter as data: the JSON syntax's tree, `["op", arg, ...]`. */
export type Filter = readonly [OperatorName, ...unknown[]];

export type OperatorName = keyof typeof OPERATORS;
type OperatorArgs<N extends OperatorName> = (typeof OPERATORS)[N]["args"];
type OperatorKinds<N extends OperatorName> = (typeof OPERATORS)[N]["fields"][number];

/** A method's signature, from its operator's arguments (A) and the kinds of field it applies to (K). */
type Signature<S extends Scope, A, K extends FieldKind> = A extends readonly ["filters"]
  ? (...filters: [Filter, ...Filter[]]) => Filter
  : A extends readonly ["filter"]
    ? (filter: Filter) => Filter
    : A extends readonly ["field"]
      ? (field: FieldsOfKind<S, K>) => Filter
      : A extends readonly ["field", "value-or-null"]
        ? <F extends FieldsOfKind<S, K>>(field: F, value: EqualsValue<S[F]> | null) => Filter
        : A extends readonly ["field", "value"]
          ? <F extends FieldsOfKind<S, K>>(field: F, value: OrderedValue<S[F]>) => Filter
          : A extends readonly ["field", "value", "value"]
            ? <F extends FieldsOfKind<S, K>>(field: F, low: OrderedValue<S[F]>, high: OrderedValue<S[F]>) => Filter
            : A extends readonly ["field", "values"]
              ? <F extends FieldsOfKind<S, K>>(field: F, values: readonly EqualsValue<S[F]>[]) => Filter
              : A extends readonly ["field", "text" | "pattern"]
                ? (field: FieldsOfKind<S, K>, text: string) => Filter
                : A extends readonly ["field", "texts"]
                  ? (field: FieldsOfKind<S, K>, values: readonly string[]) => Filter
                  : A extends readonly ["field", "element-filter"]
                    ? <F extends FieldsOfKind<S, K>>(
                        field: F,
                        build: (element: FilterBuilder<ElementOf<S[F]>>) => Filter,
                      ) => Filter
                    : never;

/** The builder method of operator `N` over the fields of scope `S` (used by generated/operators.ts). */
export type Method<S extends Scope, N extends OperatorName> = Signature<
  WithMapKeys<S>,
  OperatorArgs<N>,
  OperatorKinds<N> & FieldKind
>;

/**
 * The operators as methods, typed by the fields of a scope: the contact's
 * (`f`), or an array element's (the callback of `f.any`). `eq(field, null)`
 * means "is null or missing".
 */
export type FilterBuilder<S extends Scope = typeof FIELDS> = OperatorMethods<S>;

// --- Projections ---------------------------------------------------------------

type ColumnKeys = typeof COLUMN_KEYS;
type ResponseKey = ColumnKeys[keyof ColumnKeys];
/** The response key a projected field lands under: its column's key, or `info` for any `info` path. */
export type ProjectedKey<F extends string> = F extends "info" | `info.${string}`
  ? "info"
  : F extends keyof ColumnKeys
    ? ColumnKeys[F]
    : F extends ResponseKey
      ? F
      : never;

/** The canonical (filter) name of a field named by its canonical name or its alias. */
export type CanonicalName<F extends string> = F extends ResponseKey
  ? { [C in keyof ColumnKeys]: ColumnKeys[C] extends F ? C : never }[keyof ColumnKeys]
  : F;
