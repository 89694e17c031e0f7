/** @module The field catalog, as the OpenAPI document describes it. */
import type { JsonSchema } from "../../http/parameters.ts";
import { ref } from "../../openapi/contact-schemas.ts";
import { ARGUMENT_SHAPES } from "../../query/operator-catalog.ts";

const fieldProperties: Record<string, JsonSchema> = {
  name: { type: "string", description: "canonical name, usable in filters and sorts", examples: ["email_address"] },
  alias: { type: "string", description: "the response's camelCase name, accepted too" },
  type: {
    type: "string",
    description: "the documented type",
    examples: ["string", "integer", "number", "boolean", "date", "date-time", "string[]", "object[]"],
  },
  description: { type: "string", description: "what the field holds" },
  enum: { type: "array", items: { type: "string" }, description: "the documented values of the field" },
  nullable: { type: "boolean", description: "`true` when the field is documented as possibly null" },
  operators: { type: "array", items: { type: "string" }, description: "canonical operator names this field takes" },
  sortable: { type: "boolean" },
};

const REQUIRED = ["name", "type", "operators", "sortable"];

export const Field: JsonSchema = {
  type: "object",
  properties: {
    ...fieldProperties,
    elementFields: {
      type: "array",
      items: ref("Field"),
      description: "for arrays of objects: the element's own fields, usable inside `any`",
    },
  },
  required: REQUIRED,
};

export const Operator: JsonSchema = {
  type: "object",
  properties: {
    name: { type: "string", description: "canonical name", examples: ["not-in"] },
    aliases: {
      type: "array",
      items: { type: "string" },
      description: "other names accepted for it",
      examples: [["nin"]],
    },
    summary: { type: "string", description: "when it matches" },
    example: { type: "string", description: "a filter using it, in LISP syntax" },
    arguments: {
      type: "array",
      items: { type: "string", enum: ARGUMENT_SHAPES },
      description:
        "how each argument is written, in order: a nested filter, a bare field name, a list of literals, or one literal",
    },
    variadic: { type: "boolean", description: "`true` when the last argument repeats (one or more)" },
  },
  required: ["name", "aliases", "summary", "example", "arguments", "variadic"],
};

export const FieldCatalog: JsonSchema = {
  type: "object",
  properties: {
    fields: { type: "array", items: ref("Field") },
    operators: { type: "array", items: ref("Operator"), description: "every operator of the filter language" },
  },
  required: ["fields", "operators"],
  additionalProperties: false,
};
