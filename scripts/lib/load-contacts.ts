import type { Pool } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import { contacts } from "../../src/db/schema.ts";

export interface ContactRow {
  id: string;
  organization_id: string;
  name: string | null;
  email_address: string | null;
  company_contact_id: string | null;
  creation_time: string;
  last_update_time: string;
  info: Record<string, unknown>;
  tags: string[];
}

/** Inserts contacts in batches through Drizzle (values bound, never spliced). */
export async function insertContacts(pool: Pool, rows: readonly ContactRow[], batchSize = 500): Promise<void> {
  const db = drizzle(pool);
  for (let start = 0; start < rows.length; start += batchSize) {
    await db.insert(contacts).values(
      rows.slice(start, start + batchSize).map((row) => ({
        id: row.id,
        organizationId: row.organization_id,
        name: row.name,
        emailAddress: row.email_address,
        companyContactId: row.company_contact_id,
        creationTime: row.creation_time,
        lastUpdateTime: row.last_update_time,
        info: row.info,
        tags: row.tags,
      })),
    );
  }
}
