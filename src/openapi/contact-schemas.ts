/**
 * @module The contact's JSON Schemas for the OpenAPI document, derived from the
 * contact's declaration (src/contact/) — the same one the query language and
 * the SQL read: `Contact` (a contact as a page's `data` holds it) and
 * `ContactInfo` (its `info` document).
 */
import { CONTACT_COLUMNS, type DeclaredColumn, INFO_COLUMN } from "../contact/columns.ts";
import type { FieldType, ObjectSchema } from "../contact/types.ts";
import type { JsonSchema } from "../http/parameters.ts";

/** Where a component schema is: `{ $ref: "#/components/schemas/<name>" }`. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/**
 * One documented field type. `rendered` timestamps are the service's own (UTC
 * with milliseconds); `stored` ones are written in a document as its writer
 * wrote them (`Z`, `+00:00`, `+0000`).
 */
function fieldSchema(type: FieldType, timestamps: "rendered" | "stored" = "stored"): JsonSchema {
  const schema = baseSchema(type, timestamps);
  if (type.nullable) schema.type = [schema.type, "null"];
  return type.description ? { ...schema, description: type.description } : schema;
}

function baseSchema(type: FieldType, timestamps: "rendered" | "stored"): JsonSchema {
  switch (type.kind) {
    case "scalar":
      switch (type.scalar) {
        case "string":
          return type.enum ? { type: "string", enum: [...type.enum] } : { type: "string" };
        case "integer":
          return { type: "integer" };
        case "number":
          return { type: "number" };
        case "boolean":
          return { type: "boolean" };
        case "date":
          return { type: "string", format: "date" };
        case "date-time":
          return {
            type: "string",
            format: "date-time",
            examples: [timestamps === "rendered" ? "2024-07-29T15:51:28.071Z" : "2024-03-05T10:20:30.000+0000"],
          };
      }
      break;
    case "string-array":
      return { type: "array", items: { type: "string" } };
    case "object-array":
      return { type: "array", items: infoObject(type.element) };
    case "object":
      return infoObject(type.fields);
    case "map":
      return {
        type: "object",
        additionalProperties: fieldSchema(type.value),
        description: `keyed by 3-letter currency code (e.g. \`${type.keyExample}\`)`,
      };
  }
}

/**
 * A part of the `info` document: every documented key is optional (stored
 * documents are not validated, so any may be missing), and other keys may be
 * present, since the document is returned exactly as stored.
 */
function infoObject(schema: ObjectSchema): JsonSchema {
  const properties = Object.fromEntries(Object.entries(schema).map(([key, type]) => [key, fieldSchema(type)]));
  return { type: "object", properties, additionalProperties: {} };
}

const infoColumn = CONTACT_COLUMNS.find(({ column }) => column === INFO_COLUMN) as DeclaredColumn;

export const ContactInfo: JsonSchema = {
  ...fieldSchema(infoColumn.type),
  description:
    "The contact's `info` document, exactly as stored. Every documented path can be filtered and sorted on " +
    "(`info.<path>`); a stored value that is missing, null or of another type than documented never matches a " +
    "comparison (it is not an error).",
};

function contactKey(column: DeclaredColumn): JsonSchema {
  if (column.column === INFO_COLUMN) return ref("ContactInfo");
  const schema = fieldSchema(column.type, "rendered");
  if (column.nullable) schema.type = [schema.type, "null"];
  return schema;
}

export const Contact: JsonSchema = {
  type: "object",
  properties: Object.fromEntries(CONTACT_COLUMNS.map((column) => [column.key, contactKey(column)])),
  required: CONTACT_COLUMNS.map(({ key }) => key),
  additionalProperties: false,
  description:
    "Every key is always present; `null` where the column is null, `tags` is `[]` when empty, timestamps are " +
    "ISO-8601 UTC with milliseconds.",
};

export const ErrorMessage: JsonSchema = {
  type: "string",
  description: "Every error body is a JSON string naming the parameter, the problem and the position.",
  examples: ["q: expected ')' at line 1, column 31"],
};
