import { z } from "zod";
import {
  CONTACT_COLUMNS,
  type ContactColumn,
  type ContactRecord,
  INFO_COLUMN,
  isNullable,
} from "../contact/columns.ts";
import type { FieldType, ObjectSchema } from "../contact/types.ts";
import { ARGUMENT_SHAPES } from "../query/operator-catalog.ts";

/**
 * Response schemas for the OpenAPI document. They only describe responses
 * (the Worker renders contacts in Postgres, not through zod); the tests
 * validate real responses against the generated document. `Contact` and
 * `ContactInfo` are derived from the contact's declaration (src/contact/),
 * the same one the query language and the SQL read.
 */

/** A zod schema for one documented field type, with its description, enum, format and nullability. */
function zodFor(type: FieldType, timestamps: "rendered" | "stored" = "stored"): z.ZodType {
  const schema = baseSchema(type, timestamps);
  const documented = type.nullable ? schema.nullable() : schema;
  return type.description ? documented.meta({ description: type.description }) : documented;
}

function baseSchema(type: FieldType, timestamps: "rendered" | "stored"): z.ZodType {
  switch (type.kind) {
    case "scalar":
      switch (type.scalar) {
        case "string":
          return type.enum ? z.enum(type.enum as readonly [string, ...string[]]) : z.string();
        case "integer":
          return z.int();
        case "number":
          return z.number();
        case "boolean":
          return z.boolean();
        case "date":
          return z.iso.date();
        case "date-time":
          // The service renders its own timestamps in UTC with milliseconds; stored
          // documents may write the zone as `Z`, `+00:00` or `+0000`, or leave it out.
          return timestamps === "rendered"
            ? z.iso.datetime().meta({ examples: ["2024-07-29T15:51:28.071Z"] })
            : z.string().meta({ format: "date-time", examples: ["2024-03-05T10:20:30.000+0000"] });
      }
      break;
    case "string-array":
      return z.array(z.string());
    case "object-array":
      return z.array(infoObject(type.element));
    case "object":
      return infoObject(type.fields);
    case "map":
      return z.record(z.string().regex(type.keyPattern), zodFor(type.value)).meta({
        description: `keyed by 3-letter currency code (e.g. \`${type.keyExample}\`)`,
      });
  }
}

/**
 * A part of the `info` document: every documented key is optional (stored
 * documents are not validated, so any may be missing), and other keys may be
 * present, since the document is returned exactly as stored.
 */
function infoObject(schema: ObjectSchema): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, type] of Object.entries(schema)) shape[key] = zodFor(type).optional();
  return z.looseObject(shape);
}

const infoColumn = CONTACT_COLUMNS.find(({ column }) => column === INFO_COLUMN) as ContactColumn;

export const ContactInfo = zodFor(infoColumn.type).meta({
  id: "ContactInfo",
  description:
    "The contact's `info` document, exactly as stored. Every documented path can be filtered and sorted on " +
    "(`info.<path>`); a stored value that is missing, null or of another type than documented never matches a " +
    "comparison (it is not an error).",
});

function contactKey(column: ContactColumn): z.ZodType {
  if (column.column === INFO_COLUMN) return ContactInfo;
  const schema = zodFor(column.type, "rendered");
  return isNullable(column) ? schema.nullable() : schema;
}

/** Typed for the client from the declaration (zod cannot infer it from a schema built in a loop). */
export const Contact = z
  .strictObject(Object.fromEntries(CONTACT_COLUMNS.map((column) => [column.key, contactKey(column)])))
  .meta({
    id: "Contact",
    description:
      "Every key is always present; `null` where the column is null, `tags` is `[]` when empty, timestamps are " +
      "ISO-8601 UTC with milliseconds.",
  }) as unknown as z.ZodType<ContactRecord>;

export const ContactPage = z
  .strictObject({
    data: z.array(Contact),
    page_number: z.int().min(1),
    page_size: z.int().min(1),
    total_count: z
      .int()
      .min(0)
      .nullable()
      .meta({
        description:
          "every contact of the organization that matches the filter: exact, or with `count=estimated` an estimate " +
          "above 10,000 matches; `null` with `count=none`",
      }),
    total_count_exact: z.boolean().meta({ description: "`true` when `total_count` is the exact count" }),
    next_page_token: z.string().nullable().meta({
      description:
        "pass it as `page_token` (same `q` and `s`) for the page that follows; `null` when this page is the last",
    }),
  })
  .meta({
    id: "ContactPage",
    examples: [
      {
        data: [
          {
            companyContactId: "crm-001",
            creationTime: "2024-07-29T15:51:28.071Z",
            emailAddress: "ada@acme.com",
            id: "c_ada",
            info: { partner: "AWS", cosellPartnerMetrics: { accountCount: 3 } },
            lastUpdateTime: "2024-08-01T09:00:00.000Z",
            name: "Ada Lovelace",
            organizationID: "org_acme",
            tags: ["vip", "partner"],
          },
        ],
        page_number: 1,
        page_size: 20,
        total_count: 1,
        total_count_exact: true,
        next_page_token: null,
      },
    ],
  });

export const ErrorMessage = z.string().meta({
  id: "Error",
  description: "Every error body is a JSON string naming the parameter, the problem and the position.",
  examples: ["q: expected ')' at line 1, column 31"],
});

const fieldShape = {
  name: z.string().meta({ description: "canonical name, usable in filters and sorts", examples: ["email_address"] }),
  alias: z.string().optional().meta({ description: "the response's camelCase name, accepted too" }),
  type: z.string().meta({
    description: "the documented type",
    examples: ["string", "integer", "number", "boolean", "date", "date-time", "string[]", "object[]"],
  }),
  description: z.string().optional().meta({ description: "what the field holds" }),
  enum: z.array(z.string()).readonly().optional().meta({ description: "the documented values of the field" }),
  nullable: z.boolean().optional().meta({ description: "`true` when the field is documented as possibly null" }),
  operators: z.array(z.string()).readonly().meta({ description: "canonical operator names this field takes" }),
  sortable: z.boolean(),
};

/** Fields of an array-of-objects element (named as inside `any`); one level of nesting is documented. */
const ElementField = z.object({
  ...fieldShape,
  elementFields: z.array(z.object(fieldShape)).optional(),
});

export const FieldEntry = z
  .object({
    ...fieldShape,
    elementFields: z
      .array(ElementField)
      .optional()
      .meta({ description: "for arrays of objects: the element's own fields, usable inside `any`" }),
  })
  .meta({ id: "Field" });

export const OperatorEntry = z
  .object({
    name: z.string().meta({ description: "canonical name", examples: ["not-in"] }),
    aliases: z
      .array(z.string())
      .readonly()
      .meta({ description: "other names accepted for it", examples: [["nin"]] }),
    summary: z.string().meta({ description: "when it matches" }),
    example: z.string().meta({ description: "a filter using it, in LISP syntax" }),
    arguments: z.array(z.enum(ARGUMENT_SHAPES)).readonly().meta({
      description:
        "how each argument is written, in order: a nested filter, a bare field name, a list of literals, or one literal",
    }),
    variadic: z.boolean().meta({ description: "`true` when the last argument repeats (one or more)" }),
  })
  .meta({ id: "Operator" });

export const FieldCatalog = z
  .strictObject({
    fields: z.array(FieldEntry),
    operators: z.array(OperatorEntry).meta({ description: "every operator of the filter language" }),
  })
  .meta({ id: "FieldCatalog" });
