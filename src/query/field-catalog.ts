/**
 * @module Every field of the registry with its documented type, description,
 * operators and sortability — the source of `/fields`, the docs' field table
 * and the SDK's field list (sdk/src/generated/), so none of them can drift
 * from what the parser accepts.
 */
import { describeType, type FieldType, fieldClassOf, type ObjectSchema } from "../contact/types.ts";
import { COLUMN_FIELDS, CONTACT_SCOPE, type FieldRef, knownFieldNames, resolveField } from "./field-registry.ts";
import { operatorsFor } from "./operators.ts";

export interface FieldDescription {
  name: string;
  alias?: string;
  /** The documented type: `string`, `integer`, `date-time`, `string[]`, `object[]`, `map<currency, number>`, … */
  type: string;
  description?: string;
  /** The documented values, for enumerated strings. */
  enum?: readonly string[];
  /** Documented as possibly null. */
  nullable?: boolean;
  operators: readonly string[];
  sortable: boolean;
  /** For arrays of objects: the element's fields, usable inside `any`. */
  elementFields?: FieldDescription[];
}

function describe(name: string, type: FieldType, alias?: string): FieldDescription {
  return {
    name,
    ...(alias ? { alias } : {}),
    type: describeType(type),
    ...(type.description ? { description: type.description } : {}),
    ...(type.enum ? { enum: type.enum } : {}),
    ...(type.nullable ? { nullable: true } : {}),
    operators: operatorsFor(fieldClassOf(type)),
    sortable: type.kind === "scalar",
    ...(type.kind === "object-array" ? { elementFields: describeElement(type.element) } : {}),
  };
}

function describeElement(schema: ObjectSchema): FieldDescription[] {
  const scope = { kind: "element", schema, arrayField: "" } as const;
  return knownFieldNames(scope).map((name) => {
    const field = resolveField(name, scope) as FieldRef;
    // Inside `any`, fields filter; sorting is by the contact's own fields only.
    return { ...describe(name, field.type), sortable: false };
  });
}

export function fieldCatalog(): FieldDescription[] {
  const columns = COLUMN_FIELDS.map((field) => describe(field.name, field.type, field.alias));
  const columnNames = new Set(COLUMN_FIELDS.flatMap((field) => [field.name, field.alias ?? field.name]));
  const info = knownFieldNames(CONTACT_SCOPE)
    .filter((name) => !columnNames.has(name))
    .map((name) => describe(name, (resolveField(name, CONTACT_SCOPE) as FieldRef).type));
  return [...columns, ...info];
}
