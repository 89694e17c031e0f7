import { z } from "zod";
import { INFO_SCHEMA } from "../query/info-schema.ts";
import type { FieldType, ObjectSchema } from "../query/types.ts";

/**
 * Response schemas for the OpenAPI document. They are only used to describe
 * responses (the Worker renders contacts in Postgres, not through zod); the
 * tests validate real responses against the generated document, so these
 * cannot drift from what the Worker sends. `info` is derived from the same
 * registry the query language uses (src/query/info-schema.ts).
 */

/** A zod schema for one field type of the registry. Stored `info` values may be null or missing. */
function zodFor(type: FieldType): z.ZodType {
  switch (type.kind) {
    case "scalar":
      switch (type.scalar) {
        case "string":
          return z.string();
        case "number":
          return z.number();
        case "boolean":
          return z.boolean();
        case "timestamp":
          return z.string().meta({ description: "ISO-8601 date or date-time", examples: ["2024-05-01"] });
      }
      break;
    case "string-array":
      return z.array(z.string());
    case "object-array":
      return z.array(zodObject(type.element));
    case "object":
      return zodObject(type.fields);
    case "map":
      return z
        .record(z.string().regex(type.keyPattern), zodFor(type.value))
        .meta({ description: `keyed by ${type.keyDescription}` });
  }
}

/** Every documented key is optional; other keys may be present (the document is returned as stored). */
function zodObject(schema: ObjectSchema): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, type] of Object.entries(schema)) shape[key] = zodFor(type).nullable().optional();
  return z.looseObject(shape);
}

export const ContactInfo = zodObject(INFO_SCHEMA).meta({
  id: "ContactInfo",
  description:
    "The contact's `info` document, exactly as stored by the main backend. Every `info.<path>` below can be " +
    "filtered on; a stored value of another type than documented never matches a filter (it is not an error).",
});

const timestamp = z.iso.datetime().meta({ examples: ["2024-07-29T15:51:28.071Z"] });

export const Contact = z
  .strictObject({
    companyContactId: z.string().nullable(),
    creationTime: timestamp,
    emailAddress: z.string().nullable(),
    id: z.string(),
    info: ContactInfo,
    lastUpdateTime: timestamp,
    name: z.string().nullable(),
    organizationID: z.string(),
    tags: z.array(z.string()),
  })
  .meta({
    id: "Contact",
    description:
      "Every key is always present; `null` where the column is null, `tags` is `[]` when empty, timestamps are " +
      "ISO-8601 UTC with milliseconds.",
  });

export const ContactPage = z
  .strictObject({
    data: z.array(Contact),
    page_number: z.int().min(1),
    page_size: z.int().min(1),
    total_count: z.int().min(0).meta({ description: "every contact of the organization that matches the filter" }),
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
  type: z.string().meta({ examples: ["string", "array of objects"] }),
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

export const FieldCatalog = z
  .strictObject({
    fields: z.array(FieldEntry),
  })
  .meta({ id: "FieldCatalog" });
