import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The contacts table is owned by the main backend; this service only reads it.
 * The definition here mirrors the contract (§8) so migrations can create it for
 * development and tests.
 */
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
    info: jsonb("info").notNull().default(sql`'{}'::jsonb`),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
  },
  (table) => [
    // The default listing (newest first) and keyset-friendly tie-break on id.
    index("contacts_org_creation_time_idx").on(table.organizationId, table.creationTime.desc(), table.id),
  ],
);

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
