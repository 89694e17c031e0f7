import type { PgColumn } from "drizzle-orm/pg-core";
import { contacts } from "../db/schema.ts";
import { INFO_SCHEMA } from "./info.ts";
import { dateTime, type FieldType, object, string, strings } from "./types.ts";

/**
 * The contact, declared once: every key of a contact in a response, in
 * response order, with the table column it comes from (src/db/schema.ts) and
 * its documented type. Everything else is derived from this list: the field
 * registry (filter names are the column names, response keys are aliases),
 * the SQL that renders a contact, the OpenAPI `Contact` schema, `/fields`, the
 * SDK's field list and contact type, and the docs' field table.
 *
 * `info` is a column holding a JSON document; its paths (info.ts) are fields
 * of their own, `info.<path>`.
 */
export interface ContactColumn {
  /** The key in a response (`emailAddress`). */
  readonly key: string;
  /** The column, whose name is the field's canonical name in filters and sorts (`email_address`). */
  readonly column: PgColumn;
  readonly type: FieldType;
}

export const CONTACT_COLUMNS = [
  {
    key: "companyContactId",
    column: contacts.companyContactId,
    type: string("the contact's id in the organization's own CRM"),
  },
  { key: "creationTime", column: contacts.creationTime, type: dateTime("when the contact was created") },
  { key: "emailAddress", column: contacts.emailAddress, type: string("the contact's email address") },
  { key: "id", column: contacts.id, type: string("the contact's id") },
  {
    key: "info",
    column: contacts.info,
    type: object(INFO_SCHEMA, "everything else known about the contact, as a JSON document"),
  },
  { key: "lastUpdateTime", column: contacts.lastUpdateTime, type: dateTime("when the contact last changed") },
  { key: "name", column: contacts.name, type: string("the contact's full name") },
  {
    key: "organizationID",
    column: contacts.organizationId,
    type: string("the organization the contact belongs to"),
  },
  { key: "tags", column: contacts.tags, type: strings("labels such as `vip` or `partner`; `[]` when none") },
] as const satisfies readonly ContactColumn[];

/** A contact in a response, typed from the declaration: each key's value as its column holds it. */
export type ContactRecord = {
  -readonly [C in (typeof CONTACT_COLUMNS)[number] as C["key"]]: C["column"]["_"]["notNull"] extends true
    ? C["column"]["_"]["data"]
    : C["column"]["_"]["data"] | null;
};

/** The column that holds the JSON document whose paths are `info.<path>` fields. */
export const INFO_COLUMN = contacts.info;

/** Whether a response may hold `null` for this key (a nullable column). */
export function isNullable(column: Pick<ContactColumn, "column">): boolean {
  return !column.column.notNull;
}
