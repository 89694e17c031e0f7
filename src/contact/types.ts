/**
 * The vocabulary the contact is declared in (columns.ts, info.ts): each
 * field's documented type, with what the docs, `/fields` and the OpenAPI
 * document say about it. The query language reads the same declaration, so a
 * type decides which operators and literals a field takes.
 */
export type ScalarType = "string" | "integer" | "number" | "boolean" | "date" | "date-time";

/** What a field's documentation says beyond its type. */
export interface FieldDocs {
  readonly description?: string;
  /** The documented values of a string field (documentation only: stored values are not checked). */
  readonly enum?: readonly string[];
  /** Documented as possibly `null`. */
  readonly nullable?: boolean;
  /** An example value, for the OpenAPI document. */
  readonly example?: unknown;
}

export type FieldType = FieldDocs &
  (
    | { readonly kind: "scalar"; readonly scalar: ScalarType }
    | { readonly kind: "string-array" }
    | { readonly kind: "object-array"; readonly element: ObjectSchema }
    | { readonly kind: "object"; readonly fields: ObjectSchema }
    /** Free-form keys (matching `keyPattern`) to values of one type, e.g. currency -> amount. */
    | { readonly kind: "map"; readonly keyPattern: RegExp; readonly keyExample: string; readonly value: FieldType }
  );

export type ObjectSchema = { readonly [key: string]: FieldType };

/**
 * How values of a scalar type compare: integers and numbers numerically,
 * dates and date-times as instants (a date is midnight UTC), strings by code
 * point. The language, the SQL and the reference evaluator work on these.
 */
export type ValueType = "string" | "number" | "boolean" | "timestamp";

const VALUE_TYPES: Record<ScalarType, ValueType> = {
  string: "string",
  integer: "number",
  number: "number",
  boolean: "boolean",
  date: "timestamp",
  "date-time": "timestamp",
};

export function valueTypeOf(scalar: ScalarType): ValueType {
  return VALUE_TYPES[scalar];
}

/** What an operator's applicability is decided on: a scalar's value type, or the kind of a composite field. */
export type FieldClass = ValueType | Exclude<FieldType["kind"], "scalar">;

export function fieldClassOf(type: FieldType): FieldClass {
  return type.kind === "scalar" ? valueTypeOf(type.scalar) : type.kind;
}

/** The documented type name: `string`, `integer`, `date-time`, `string[]`, `object[]`, `map<currency, number>`, … */
export function describeType(type: FieldType): string {
  switch (type.kind) {
    case "scalar":
      return type.scalar;
    case "string-array":
      return "string[]";
    case "object-array":
      return "object[]";
    case "object":
      return "object";
    case "map":
      return `map<currency, ${describeType(type.value)}>`;
  }
}

// --- Constructors, so the declaration reads like the documentation ----------

const scalar =
  (type: ScalarType) =>
  (description?: string, docs: Omit<FieldDocs, "description"> = {}): FieldType => ({
    kind: "scalar",
    scalar: type,
    ...docs,
    ...(description ? { description } : {}),
  });

export const string = scalar("string");
export const integer = scalar("integer");
export const number = scalar("number");
export const boolean = scalar("boolean");
export const date = scalar("date");
export const dateTime = scalar("date-time");

export const strings = (description?: string): FieldType => ({
  kind: "string-array",
  ...(description ? { description } : {}),
});

export const object = (fields: ObjectSchema, description?: string): FieldType => ({
  kind: "object",
  fields,
  ...(description ? { description } : {}),
});

export const objects = (element: ObjectSchema, description?: string): FieldType => ({
  kind: "object-array",
  element,
  ...(description ? { description } : {}),
});

/** Amounts keyed by 3-letter ISO currency code (`USD`, `EUR`, …). */
export const currencyAmounts = (description?: string): FieldType => ({
  kind: "map",
  keyPattern: /^[A-Z]{3}$/,
  keyExample: "USD",
  value: number("the amount in that currency"),
  ...(description ? { description } : {}),
});
