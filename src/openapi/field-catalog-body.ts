import type { z } from "zod";
import { fieldCatalog } from "../query/field-catalog.ts";
import { operatorCatalog } from "../query/operator-catalog.ts";
import type { FieldCatalog } from "./schemas.ts";

let body: z.infer<typeof FieldCatalog> | undefined;

/** The body of `GET /org/:orgId/contact/fields`: the registry's fields and the operator table, built once per isolate. */
export function fieldCatalogBody(): z.infer<typeof FieldCatalog> {
  body ??= { fields: fieldCatalog(), operators: operatorCatalog() };
  return body;
}
