/**
 * @module The contact, declared once: every key of a contact in a response, in
 * response order, with the table column it comes from and its documented type.
 * Everything else is derived from this list: the field registry (filter names
 * are the column names, response keys are aliases), the SQL that renders a
 * contact, the OpenAPI `Contact` schema, `/fields`, the SDK's field list and
 * contact type, and the docs' field table. The Drizzle table (src/db/schema.ts), which the
 * migrations are generated from, is checked against this declaration by
 * test/contact/declaration.test.ts, not the other way round.
 *
 * `info` is a column holding a JSON document; its paths (info.ts) are fields
 * of their own, `info.<path>`.
 */
import { INFO_SCHEMA } from "./info.ts";
import { dateTime, type FieldType, object, string, strings } from "./types.ts";

/** The table the contacts are read from. */
export const CONTACTS_TABLE = "contacts";

export interface ContactColumn {
  /** The key in a response (`emailAddress`). */
  readonly key: string;
  /** The table column, whose name is the field's canonical name in filters and sorts (`email_address`). */
  readonly column: string;
  readonly type: FieldType;
  /** The column may hold NULL (rendered as `null`); every other column is `NOT NULL`. */
  readonly nullable: boolean;
}

export const CONTACT_COLUMNS = [
  {
    key: "companyContactId",
    column: "company_contact_id",
    nullable: true,
    type: string("the contact's id in the organization's own CRM"),
  },
  { key: "creationTime", column: "creation_time", nullable: false, type: dateTime("when the contact was created") },
  { key: "emailAddress", column: "email_address", nullable: true, type: string("the contact's email address") },
  { key: "id", column: "id", nullable: false, type: string("the contact's id") },
  {
    key: "info",
    column: "info",
    nullable: false,
    type: object(INFO_SCHEMA, "everything else known about the contact, as a JSON document"),
  },
  {
    key: "lastUpdateTime",
    column: "last_update_time",
    nullable: false,
    type: dateTime("when the contact last changed"),
  },
  { key: "name", column: "name", nullable: true, type: string("the contact's full name") },
  {
    key: "organizationID",
    column: "organization_id",
    nullable: false,
    type: string("the organization the contact belongs to"),
  },
  {
    key: "tags",
    column: "tags",
    nullable: false,
    type: strings("labels such as `vip` or `partner`; `[]` when none"),
  },
] as const satisfies readonly ContactColumn[];

/** A column's name, as the declaration spells it. */
export type ColumnName = (typeof CONTACT_COLUMNS)[number]["column"];

/** The column that holds the JSON document whose paths are `info.<path>` fields. */
export const INFO_COLUMN = "info" satisfies ColumnName;
/** The contact's id: every sort ends with it, every page is fetched by it. */
export const ID_COLUMN = "id" satisfies ColumnName;
/** The tenant: every statement is scoped to one organization by it. */
export const ORGANIZATION_COLUMN = "organization_id" satisfies ColumnName;

/** A response key, as the declaration spells it. */
export type ResponseKey = (typeof CONTACT_COLUMNS)[number]["key"];

/** One column of the declaration, with its names as literal types. */
export type DeclaredColumn = (typeof CONTACT_COLUMNS)[number];
