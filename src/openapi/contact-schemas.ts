/**
 * @module The contact's JSON Schemas for the OpenAPI document, derived from the
 * contact's declaration (src/contact/) — the same one the query language and
 * the SQL read: `Contact` (a whole contact), `ProjectedContact` (one with
 * `fields`) and `ContactInfo` (its `info` document, as stored).
 */
import { CONTACT_COLUMNS, type DeclaredColumn, ID_COLUMN, INFO_COLUMN } from "../contact/columns.ts";
import { describeType, type FieldType, type ObjectSchema } from "../contact/types.ts";
import type { JsonSchema } from "../http/parameters.ts";

/** Where a component schema is: `{ $ref: "#/components/schemas/<name>" }`. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/**
 * One documented field type, as a column holds it: the service renders its
 * own timestamps in UTC with milliseconds.
 */
function columnSchema(type: FieldType): JsonSchema {
  const schema = baseSchema(type);
  return type.description ? { ...schema, description: type.description } : schema;
}

function baseSchema(type: FieldType): JsonSchema {
  switch (type.kind) {
    case "scalar":
      if (type.scalar === "date-time") {
        return { type: "string", format: "date-time", examples: ["2024-07-29T15:51:28.071Z"] };
      }
      return { type: "string" };
    case "string-array":
      return { type: "array", items: { type: "string" } };
    default:
      throw new Error(`no column of kind ${type.kind}`);
  }
}

/**
 * A part of the `info` document, as stored. Stored documents are not
 * validated, so any documented key may be missing, null or of another JSON
 * type than documented, and other keys may be present: the schema constrains
 * no value, and says what each documented key holds — its documented type in
 * `x-documented-type` (the type `/fields` names and the language compares by),
 * its documented values in `x-documented-values`, and a description. The
 * nested keys are listed under `properties`, which apply whenever the value
 * is an object.
 */
function storedSchema(type: FieldType): JsonSchema {
  const documented: JsonSchema = {
    "x-documented-type": describeType(type),
    ...(type.enum ? { "x-documented-values": [...type.enum] } : {}),
    ...(type.nullable ? { "x-documented-nullable": true } : {}),
    ...(type.description ? { description: type.description } : {}),
  };
  switch (type.kind) {
    case "object":
      return { ...documented, properties: storedProperties(type.fields) };
    case "object-array":
      return { ...documented, items: { properties: storedProperties(type.element) } };
    case "map":
      return { ...documented, additionalProperties: storedSchema(type.value) };
    default:
      return documented;
  }
}

function storedProperties(schema: ObjectSchema): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(schema).map(([key, type]) => [key, storedSchema(type)]));
}

const infoColumn = CONTACT_COLUMNS.find(({ column }) => column === INFO_COLUMN) as DeclaredColumn;

export const ContactInfo: JsonSchema = {
  ...storedSchema(infoColumn.type),
  type: "object",
  description:
    "The contact's `info` document, exactly as stored. Every documented path can be filtered and sorted on " +
    "(`info.<path>`); its documented type is `x-documented-type`. Stored documents are not validated: a value " +
    "that is missing, null or of another type than documented is returned as it is, and never matches a " +
    "comparison (it is not an error).",
};

function contactKey(column: DeclaredColumn): JsonSchema {
  if (column.column === INFO_COLUMN) return ref("ContactInfo");
  const schema = columnSchema(column.type);
  if (column.nullable) schema.type = [schema.type, "null"];
  return schema;
}

const CONTACT_PROPERTIES = Object.fromEntries(CONTACT_COLUMNS.map((column) => [column.key, contactKey(column)]));

/** A whole contact: what a page's `data`, or an export's line, holds without `fields`. */
export const Contact: JsonSchema = {
  type: "object",
  properties: CONTACT_PROPERTIES,
  required: CONTACT_COLUMNS.map(({ key }) => key),
  additionalProperties: false,
  description:
    "Every key is always present; `null` where the column is null, `tags` is `[]` when empty, timestamps are " +
    "ISO-8601 UTC with milliseconds.",
};

/** A contact projected by `fields`: `id` and the named keys only. */
export const ProjectedContact: JsonSchema = {
  type: "object",
  properties: CONTACT_PROPERTIES,
  required: [ID_COLUMN],
  additionalProperties: false,
  description:
    "With `fields`, a contact holds `id` and the named keys only; an `info` path missing from a document is " +
    "absent from its projection, and `info` holds the named paths nested as in the document.",
};

/** What a page's `data` or an export's line holds: a whole contact, or its projection when `fields` is given. */
export const ContactOrProjection: JsonSchema = { anyOf: [ref("Contact"), ref("ProjectedContact")] };

export const ErrorMessage: JsonSchema = {
  type: "string",
  description:
    "An error's message as a JSON string (unless `Accept` prefers problem details): the parameter, the problem, " +
    "a hint in parentheses for the common mistakes, and the position.",
  examples: [
    "q: expected ')' at line 1, column 31",
    "q: unknown field 'nme' (did you mean 'name'?) at line 1, column 4",
  ],
};
