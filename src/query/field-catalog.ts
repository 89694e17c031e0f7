import { COLUMN_FIELDS, CONTACT_SCOPE, type FieldRef, knownFieldNames, resolveField } from "./fields.ts";
import { OPERATORS_BY_FIELD_KIND } from "./operators.ts";
import { describeType, type FieldType, type ObjectSchema } from "./types.ts";

/**
 * Every field of the registry with its type, operators and sortability —
 * the source of the docs' field table and of field discovery, so neither
 * can drift from what the parser accepts.
 */
export interface FieldDescription {
  name: string;
  alias?: string;
  type: string;
  operators: readonly string[];
  sortable: boolean;
  /** For arrays of objects: the element's fields, usable inside `any`. */
  elementFields?: FieldDescription[];
}

function operatorsOf(type: FieldType): readonly string[] {
  return OPERATORS_BY_FIELD_KIND[type.kind === "scalar" ? type.scalar : type.kind];
}

function describe(name: string, type: FieldType, alias?: string): FieldDescription {
  const description: FieldDescription = {
    name,
    type: describeType(type),
    operators: operatorsOf(type),
    sortable: type.kind === "scalar",
  };
  if (alias) description.alias = alias;
  if (type.kind === "object-array") description.elementFields = describeElement(type.element);
  return description;
}

function describeElement(schema: ObjectSchema): FieldDescription[] {
  return knownFieldNames({ kind: "element", schema, arrayField: "" }).map((name) => {
    const field = resolveField(name, { kind: "element", schema, arrayField: "" }) as FieldRef;
    return { ...describe(name, field.type), sortable: false };
  });
}

export function fieldCatalog(): FieldDescription[] {
  const columns = COLUMN_FIELDS.map((field) => describe(field.name, field.type, field.alias));
  const aliases = new Set(COLUMN_FIELDS.flatMap((field) => (field.alias ? [field.alias] : [])));
  const columnNames = new Set(COLUMN_FIELDS.map((field) => field.name));
  const info = knownFieldNames(CONTACT_SCOPE)
    .filter((name) => !columnNames.has(name) && !aliases.has(name))
    .map((name) => {
      const field = resolveField(name, CONTACT_SCOPE) as FieldRef;
      return describe(name, field.type);
    });
  return [...columns, ...info];
}

/** Field name → type, nested for arrays of objects, aliases included: the typed client's field list. */
export type FieldTree = { [name: string]: string | FieldTree };

export function fieldTree(fields: readonly FieldDescription[] = fieldCatalog(), aliases = true): FieldTree {
  const out: FieldTree = {};
  for (const field of fields) {
    out[field.name] = field.elementFields ? fieldTree(field.elementFields, false) : field.type;
    if (aliases && field.alias) out[field.alias] = field.type;
  }
  return out;
}
