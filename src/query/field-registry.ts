import { INFO_SCHEMA } from "./info-schema.ts";
import { closestName } from "./suggest.ts";
import { type FieldType, type ObjectSchema, str, strings, time } from "./types.ts";

/**
 * The field registry: every name a filter or sort may use, with its type and
 * where its value lives (a column, or a path inside a JSON document).
 */
export type ColumnKey =
  | "id"
  | "name"
  | "emailAddress"
  | "companyContactId"
  | "organizationId"
  | "creationTime"
  | "lastUpdateTime"
  | "tags";

export interface ColumnField {
  /** The database column, which is also the field's canonical name. */
  readonly name: string;
  /** The response's camelCase name, accepted as an alias. */
  readonly alias?: string;
  readonly column: ColumnKey;
  readonly type: FieldType;
}

export const COLUMN_FIELDS: readonly ColumnField[] = [
  { name: "id", column: "id", type: str },
  { name: "name", column: "name", type: str },
  { name: "email_address", alias: "emailAddress", column: "emailAddress", type: str },
  { name: "company_contact_id", alias: "companyContactId", column: "companyContactId", type: str },
  { name: "organization_id", alias: "organizationID", column: "organizationId", type: str },
  { name: "creation_time", alias: "creationTime", column: "creationTime", type: time },
  { name: "last_update_time", alias: "lastUpdateTime", column: "lastUpdateTime", type: time },
  { name: "tags", column: "tags", type: strings },
];

export type FieldLocation =
  | { readonly kind: "column"; readonly column: ColumnKey }
  /** `scope: "element"` is the current element of an enclosing `any`. */
  | { readonly kind: "json"; readonly scope: "info" | "element"; readonly path: readonly string[] };

export interface FieldRef {
  /** Canonical name: the column name, `info.a.b`, or an element key path inside `any`. */
  readonly name: string;
  readonly type: FieldType;
  readonly location: FieldLocation;
}

/** Where names are looked up: the contact itself, or the element of an `any`. */
export type FieldScope =
  | { readonly kind: "contact" }
  | { readonly kind: "element"; readonly schema: ObjectSchema; readonly arrayField: string };

export const CONTACT_SCOPE: FieldScope = { kind: "contact" };

const columnsByName = new Map<string, ColumnField>();
for (const field of COLUMN_FIELDS) {
  columnsByName.set(field.name, field);
  if (field.alias) columnsByName.set(field.alias, field);
}

export function resolveField(name: string, scope: FieldScope): FieldRef | undefined {
  if (scope.kind === "contact") {
    const column = columnsByName.get(name);
    if (column) {
      return { name: column.name, type: column.type, location: { kind: "column", column: column.column } };
    }
    if (!name.startsWith("info.")) return undefined;
    const path = name.slice("info.".length).split(".");
    const type = walk(INFO_SCHEMA, path);
    return type && { name, type, location: { kind: "json", scope: "info", path } };
  }
  const path = name.split(".");
  const type = walk(scope.schema, path);
  return type && { name, type, location: { kind: "json", scope: "element", path } };
}

function walk(schema: ObjectSchema, path: readonly string[]): FieldType | undefined {
  let type: FieldType = { kind: "object", fields: schema };
  for (const segment of path) {
    if (type.kind === "object") {
      // Own properties only: `__proto__` or `constructor` must not resolve.
      const next: FieldType | undefined = Object.hasOwn(type.fields, segment) ? type.fields[segment] : undefined;
      if (!next) return undefined;
      type = next;
    } else if (type.kind === "map") {
      if (!type.keyPattern.test(segment)) return undefined;
      type = type.value;
    } else {
      return undefined;
    }
  }
  return type;
}

/** Every name a scope knows, maps shown with an example key; for suggestions and docs. */
export function knownFieldNames(scope: FieldScope): string[] {
  if (scope.kind === "element") return listPaths(scope.schema, "");
  const names: string[] = [];
  for (const field of COLUMN_FIELDS) {
    names.push(field.name);
    if (field.alias) names.push(field.alias);
  }
  return names.concat(listPaths(INFO_SCHEMA, "info."));
}

function listPaths(schema: ObjectSchema, prefix: string): string[] {
  const out: string[] = [];
  for (const [key, type] of Object.entries(schema)) {
    const name = prefix + key;
    out.push(name);
    if (type.kind === "object") out.push(...listPaths(type.fields, `${name}.`));
    if (type.kind === "map") out.push(`${name}.USD`);
  }
  return out;
}

/** The known name closest to `name`, for "did you mean" hints. */
export function suggestField(name: string, scope: FieldScope): string | undefined {
  return closestName(name, knownFieldNames(scope));
}
