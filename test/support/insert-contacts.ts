import type { FixtureContact } from "../fixtures/contacts.ts";
import { execute } from "./db-write.ts";

/**
 * Inserts whole contacts (as the fixtures write them) from inside workerd, in
 * one statement: the rows travel as one JSON parameter, never spliced.
 */
export async function insertFixtureContacts(contacts: readonly FixtureContact[]): Promise<void> {
  await execute("INSERT INTO contacts SELECT * FROM jsonb_populate_recordset(NULL::contacts, $1::jsonb)", [
    JSON.stringify(contacts),
  ]);
}
