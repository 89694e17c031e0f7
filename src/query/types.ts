/** Types a field can have; they decide which operators and literals it accepts. */
export type ScalarType = "string" | "number" | "boolean" | "timestamp";

export type FieldType =
  | { kind: "scalar"; scalar: ScalarType }
  | { kind: "string-array" }
  | { kind: "object-array"; element: ObjectSchema }
  | { kind: "object"; fields: ObjectSchema }
  /** Free-form keys (matching `keyPattern`) to values of one type, e.g. currency -> amount. */
  | { kind: "map"; keyPattern: RegExp; keyDescription: string; value: FieldType };

export type ObjectSchema = { readonly [key: string]: FieldType };

export const str: FieldType = { kind: "scalar", scalar: "string" };
export const num: FieldType = { kind: "scalar", scalar: "number" };
export const bool: FieldType = { kind: "scalar", scalar: "boolean" };
export const time: FieldType = { kind: "scalar", scalar: "timestamp" };
export const strings: FieldType = { kind: "string-array" };
export const obj = (fields: ObjectSchema): FieldType => ({ kind: "object", fields });
export const objects = (element: ObjectSchema): FieldType => ({ kind: "object-array", element });
export const currencyMap: FieldType = {
  kind: "map",
  keyPattern: /^[A-Z]{3}$/,
  keyDescription: "a 3-letter currency code such as USD",
  value: num,
};

export function describeType(type: FieldType): string {
  switch (type.kind) {
    case "scalar":
      return type.scalar;
    case "string-array":
      return "array of strings";
    case "object-array":
      return "array of objects";
    case "object":
      return "object";
    case "map":
      return "map";
  }
}
