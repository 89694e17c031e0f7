/**
 * @module `GET /org/{orgId}/contact/fields`: every field a filter or sort may
 * use, from the field registry (src/query/field-catalog.ts).
 */
import { endpoint } from "../../http/endpoint.ts";
import { ref } from "../../openapi/contact-schemas.ts";
import { type FieldDescription, fieldCatalog } from "../../query/field-catalog.ts";
import { type OperatorDescription, operatorCatalog } from "../../query/operator-catalog.ts";
import { Field, FieldCatalog, Operator } from "./fields.schemas.ts";

let catalog: { fields: FieldDescription[]; operators: OperatorDescription[] } | undefined;

export const fieldsEndpoint = endpoint({
  path: "/org/{orgId}/contact/fields",
  methods: ["GET"],
  operationId: "listFields",
  summary: "List the filterable and sortable fields",
  description:
    "Every field a filter or sort may use, generated from the field registry: its type, the operators it takes, " +
    "whether it is sortable, and for arrays of objects the element's own fields (usable inside `any`). Map fields " +
    "(`closedWonAmount`, `pipeline`) take any 3-letter currency code as their last segment; `USD` is shown. " +
    "`operators` is the language's operator table: names, aliases, a summary, an example and how each argument is written.",
  authenticated: true,
  parameters: {},
  responses: {
    200: {
      description: "The field catalog.",
      headers: { "Cache-Control": { type: "string", required: true, examples: ["private, max-age=300"] } },
      content: { "application/json": ref("FieldCatalog") },
    },
  },
  schemas: { FieldCatalog, Field, Operator },
  handle(c) {
    // Built once per isolate: the registry does not change while it runs.
    catalog ??= { fields: fieldCatalog(), operators: operatorCatalog() };
    return c.json(catalog, 200, { "Cache-Control": "private, max-age=300" });
  },
});
