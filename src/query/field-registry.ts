/**
 * @module The field registry: every name a filter or sort may use, with its
 * type and where its value lives (a column, or a path inside a JSON
 * document), derived from the contact's declaration (src/contact/).
 */
import { CONTACT_COLUMNS, type ColumnName, INFO_COLUMN } from "../contact/columns.ts";
import { INFO_SCHEMA } from "../contact/info.ts";
import type { FieldType, ObjectSchema } from "../contact/types.ts";
import { closestField } from "./suggest.ts";

export interface ColumnField {
  /** The table column, which is also the field's canonical name (`email_address`). */
  readonly name: ColumnName;
  /** The response key (`emailAddress`), accepted as an alias where it differs. */
  readonly alias?: string;
  readonly type: FieldType;
}

/** Every column but `info`, whose paths are fields of their own. */
export const COLUMN_FIELDS: readonly ColumnField[] = CONTACT_COLUMNS.filter(({ column }) => column !== INFO_COLUMN).map(
  ({ key, column, type }) => (key === column ? { name: column, type } : { name: column, alias: key, type }),
);

export type FieldLocation =
  /** `column` is the table column's name. */
  | { readonly kind: "column"; readonly column: ColumnName }
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

const INFO_PREFIX = `${INFO_COLUMN}.`;

const columnsByName = new Map<string, ColumnField>();
for (const field of COLUMN_FIELDS) {
  columnsByName.set(field.name, field);
  if (field.alias) columnsByName.set(field.alias, field);
}

export function resolveField(name: string, scope: FieldScope): FieldRef | undefined {
  if (scope.kind === "contact") {
    const column = columnsByName.get(name);
    if (column) return { name: column.name, type: column.type, location: { kind: "column", column: column.name } };
    if (!name.startsWith(INFO_PREFIX)) return undefined;
    const path = name.slice(INFO_PREFIX.length).split(".");
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

/** Every name a scope knows, maps shown with their example key; for suggestions and docs. */
export function knownFieldNames(scope: FieldScope): string[] {
  if (scope.kind === "element") return listPaths(scope.schema, "");
  const names: string[] = [];
  for (const field of COLUMN_FIELDS) {
    names.push(field.name);
    if (field.alias) names.push(field.alias);
  }
  return names.concat(listPaths(INFO_SCHEMA, INFO_PREFIX));
}

function listPaths(schema: ObjectSchema, prefix: string): string[] {
  const out: string[] = [];
  for (const [key, type] of Object.entries(schema)) {
    const name = prefix + key;
    out.push(name);
    if (type.kind === "object") out.push(...listPaths(type.fields, `${name}.`));
    if (type.kind === "map") out.push(`${name}.${type.keyExample}`);
  }
  return out;
}

/**
 * The known name closest to `name`, for "did you mean" hints, among the
 * fields `accepts` takes (all by default). First the names it is a spelling
 * of: the same name in another case (`Email_Address`, `pipeline.eur` →
 * `pipeline.EUR`), a key of `info` named without `info.` (`partner`), the
 * array of objects a path runs through (`…accounts.industry` →
 * `…accounts`); then the closest by spelling (`closestField`).
 */
export function suggestField(
  name: string,
  scope: FieldScope,
  accepts: (field: FieldRef) => boolean = () => true,
): string | undefined {
  const takes = (candidate: string | undefined): candidate is string => {
    const field = candidate === undefined ? undefined : resolveField(candidate, scope);
    return field !== undefined && accepts(field);
  };
  const unprefixed = scope.kind === "contact" && !name.toLowerCase().startsWith(INFO_PREFIX);
  const array = throughObjectArray(name, scope)?.array;
  const spellings = [
    foldedName(name, scope),
    unprefixed ? foldedName(`${INFO_PREFIX}${name}`, scope) : undefined,
    array,
  ];
  const spelled = spellings.find(takes);
  if (spelled) return spelled;
  // A path into the elements of an array is no misspelling: a name that merely looks like it would mislead.
  if (array !== undefined) return undefined;
  return closestField(
    name,
    knownFieldNames(scope).filter((candidate) => takes(candidate)),
  );
}

/** `name` spelled as the field it names when case is ignored, if it names one. */
function foldedName(name: string, scope: FieldScope): string | undefined {
  if (scope.kind === "element") return foldPath(scope.schema, name.split("."))?.join(".");
  const lower = name.toLowerCase();
  for (const field of COLUMN_FIELDS) {
    if (field.name === lower) return field.name;
    if (field.alias?.toLowerCase() === lower) return field.alias;
  }
  if (!lower.startsWith(INFO_PREFIX)) return undefined;
  const path = foldPath(INFO_SCHEMA, name.slice(INFO_PREFIX.length).split("."));
  return path && `${INFO_PREFIX}${path.join(".")}`;
}

function foldPath(schema: ObjectSchema, segments: readonly string[]): string[] | undefined {
  let type: FieldType = { kind: "object", fields: schema };
  const path: string[] = [];
  for (const segment of segments) {
    let key: string | undefined;
    if (type.kind === "object") {
      const fields: ObjectSchema = type.fields;
      key = Object.keys(fields).find((candidate) => candidate.toLowerCase() === segment.toLowerCase());
      type = key === undefined ? type : (fields[key] as FieldType);
    } else if (type.kind === "map") {
      const pattern = type.keyPattern;
      key = [segment.toUpperCase(), segment.toLowerCase()].find((candidate) => pattern.test(candidate));
      type = type.value;
    }
    if (key === undefined) return undefined;
    path.push(key);
  }
  return path;
}

/**
 * A name that runs through an array of objects
 * (`info.cosellPartnerMetrics.accounts.industry`): the array field's name in
 * `scope`, and the rest of the path, which names a field of its elements
 * (perhaps misspelled, or itself through a nested array). Element fields are
 * reached with `any`.
 */
export function throughObjectArray(
  name: string,
  scope: FieldScope,
): { array: string; rest: string; element: FieldScope } | undefined {
  const segments = name.split(".");
  let start = 0;
  let schema = scope.kind === "element" ? scope.schema : INFO_SCHEMA;
  if (scope.kind === "contact") {
    if (segments[0] !== INFO_COLUMN) return undefined;
    start = 1;
  }
  for (let i = start; i < segments.length - 1; i++) {
    const segment = segments[i] as string;
    const type: FieldType | undefined = Object.hasOwn(schema, segment) ? schema[segment] : undefined;
    if (type?.kind === "object") {
      schema = type.fields;
      continue;
    }
    if (type?.kind !== "object-array") return undefined;
    const array = segments.slice(0, i + 1).join(".");
    const rest = segments.slice(i + 1).join(".");
    return { array, rest, element: { kind: "element", schema: type.element, arrayField: array } };
  }
  return undefined;
}
