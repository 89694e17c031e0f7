import type { Pool } from "@neondatabase/serverless";
import { getTableColumns } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-serverless";
import { contacts } from "../../src/db/schema.ts";

type Columns = typeof contacts._.columns;

/**
 * A contacts row keyed by column name (`email_address`), as the data sets and
 * fixtures are written; its keys and value types come from the table itself.
 */
export type ContactRow = {
  [K in keyof Columns as Columns[K]["_"]["name"]]: Columns[K]["_"]["notNull"] extends true
    ? Columns[K]["_"]["data"]
    : Columns[K]["_"]["data"] | null;
};

/** The table's property for each column name (`email_address` -> `emailAddress`). */
const PROPERTIES = new Map(
  Object.entries(getTableColumns(contacts)).map(([property, column]) => [column.name, property]),
);

function toInsert(row: ContactRow): typeof contacts.$inferInsert {
  return Object.fromEntries(
    Object.entries(row).map(([name, value]) => [PROPERTIES.get(name) ?? name, value]),
  ) as typeof contacts.$inferInsert;
}

/** Inserts contacts in batches through Drizzle (values bound, never spliced). */
export async function insertContacts(pool: Pool, rows: readonly ContactRow[], batchSize = 500): Promise<void> {
  const db = drizzle(pool);
  for (let start = 0; start < rows.length; start += batchSize) {
    await db.insert(contacts).values(rows.slice(start, start + batchSize).map(toInsert));
  }
}
