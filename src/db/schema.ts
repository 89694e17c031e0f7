/**
 * @module The tables as Drizzle declares them, for drizzle-kit to generate the
 * migrations from (drizzle/). The contacts table is owned by the main
 * backend; this service only reads it, and mirrors it here so migrations can
 * create it for development and tests. The Worker does not import this
 * module: its SQL names the columns of the contact's declaration
 * (src/contact/columns.ts), which test/contact/declaration.test.ts holds
 * equal to this table.
 */
import { type SQL, sql } from "drizzle-orm";
import { type AnyPgColumn, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { SEARCH_VECTOR_FUNCTION } from "./indexes.ts";

export const contacts = pgTable(
  "contacts",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    name: text("name"),
    emailAddress: text("email_address"),
    companyContactId: text("company_contact_id"),
    creationTime: timestamp("creation_time", { withTimezone: true, mode: "string" }).notNull(),
    lastUpdateTime: timestamp("last_update_time", { withTimezone: true, mode: "string" }).notNull(),
    info: jsonb("info").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
  },
  // Every query is scoped to one organization, so b-trees lead with it. String
  // columns are indexed `COLLATE "C"`, the collation the query SQL compares,
  // sorts and prefix-matches them in (src/sql/filter.ts); `id COLLATE "C"`
  // is the sort's final tie-breaker. Measured in docs/performance.md.
  (table) => [
    // The default listing (newest first), timestamp ranges, deep pages.
    index("contacts_org_creation_time_idx").on(
      table.organizationId,
      table.creationTime.desc(),
      sql`(${table.id} COLLATE "C")`,
    ),
    index("contacts_org_name_idx").on(table.organizationId, sql`(${table.name} COLLATE "C")`),
    index("contacts_org_email_idx").on(table.organizationId, sql`(${table.emailAddress} COLLATE "C")`),
    // The GIN indexes lead with the organization too (btree_gin, migration 0005): one index
    // scan then yields the organization's candidates only, and the planner has no reason to
    // AND a 600k-entry b-tree bitmap of a big organization onto a selective GIN scan.
    // `has` / `has-any` / `has-all` on tags (@>, &&).
    index("contacts_org_tags_idx").using("gin", table.organizationId, table.tags),
    // Containment on info (src/sql/containment.ts): `=`, `has`, `any` on info paths.
    index("contacts_org_info_idx").using("gin", table.organizationId, table.info.op("jsonb_path_ops")),
    // ilike / icontains / istarts-with / iends-with on name and email (pg_trgm).
    index("contacts_org_name_trgm_idx").using("gin", table.organizationId, sql`lower(${table.name}) gin_trgm_ops`),
    index("contacts_org_email_trgm_idx").using(
      "gin",
      table.organizationId,
      sql`lower(${table.emailAddress}) gin_trgm_ops`,
    ),
    // Ranges and sorts on two partner metrics (success rate, closed-won USD). Each
    // expression is exactly the typed number the query SQL writes for that path
    // (src/sql/fields.ts); the path is a bound parameter there, which Postgres
    // folds into a constant when it plans the statement, so the expressions match.
    index("contacts_org_success_rate_idx").on(
      table.organizationId,
      numberAt(table.info, "cosellPartnerMetrics,successRate"),
    ),
    index("contacts_org_closed_won_usd_idx").on(
      table.organizationId,
      numberAt(table.info, "cosellPartnerMetrics,closedWonAmount,USD"),
    ),
    // The partner: `=`, `in`, ranges, prefix `like` and sorting on `info.partner`, and counting
    // its (broad) matches without reading a document. Few distinct values: a small index.
    index("contacts_org_partner_idx").on(table.organizationId, sql`(${stringAt(table.info, "partner")} COLLATE "C")`),
    // `search=`: the contact's search words as lexemes (a function of migration 0008), each marked with
    // its organization, so a prefix query reads only its organization's lexemes (src/sql/search.ts). No
    // organization column: its 600k entries would be intersected with every search's; statements check the
    // organization on the rows the search finds (docs/decisions/0014-search-index.md).
    index("contacts_search_idx").using(
      "gin",
      sql`${sql.raw(SEARCH_VECTOR_FUNCTION)}(${table.organizationId}, ${table.name}, ${table.emailAddress}, ${table.info})`,
    ),
    // Sorting by closed-won count (and keyset walks in that order): the whole sort order, id included.
    index("contacts_org_closed_won_count_idx").on(
      table.organizationId,
      sql`${numberAt(table.info, "cosellPartnerMetrics,closedWonCount")} DESC NULLS LAST`,
      sql`(${table.id} COLLATE "C")`,
    ),
  ],
);

/** The JSON number at `path` (comma-separated keys, a constant of this file), NULL for any other type. */
function numberAt(info: AnyPgColumn, path: string): SQL {
  const value = sql`(${info} #> ${sql.raw(`'{${path}}'::text[]`)})`;
  return sql`(CASE WHEN jsonb_typeof(${value}) = 'number' THEN ${value} END)`;
}

/** The text of the JSON string at `path`, NULL for any other type (src/sql/fields.ts, writeJsonString). */
function stringAt(info: AnyPgColumn, path: string): SQL {
  const value = sql`(${info} #> ${sql.raw(`'{${path}}'::text[]`)})`;
  return sql`(CASE WHEN jsonb_typeof(${value}) = 'string' THEN ${value} #>> '{}' END)`;
}

/** API keys are stored as SHA-256 hashes of the full key; the key itself is shown once. */
export const apiKeys = pgTable(
  "api_keys",
  {
    keyHash: text("key_hash").primaryKey(),
    organizationId: text("organization_id").notNull(),
    label: text("label"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [index("api_keys_org_idx").on(table.organizationId)],
);
