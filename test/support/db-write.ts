import { neon, neonConfig } from "@neondatabase/serverless";
import { inject } from "vitest";
import { generateApiKey, hashApiKey } from "../../src/auth/api-key.ts";
import { mode } from "./proxy.ts";

/**
 * Writes to the test database from inside workerd, through the Neon driver's
 * HTTP mode and this project's proxy: for tests that change data while a walk
 * or a cache is in use. Each test project gets organizations of its own
 * (`scratchOrganization`), since the two projects share one database and run
 * at the same time.
 */
export async function execute(text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const proxy = inject("proxies")[mode];
  neonConfig.fetchEndpoint = proxy.httpEndpoint;
  return (await neon(inject("databaseUrl"), { authToken: proxy.token }).query(text, params)) as Record<
    string,
    unknown
  >[];
}

/** A fresh organization of this project, emptied, with an API key of its own. */
export async function scratchOrganization(name: string): Promise<{ organizationId: string; key: string }> {
  const organizationId = `org_scratch_${name}_${mode}`;
  await execute("DELETE FROM contacts WHERE organization_id = $1", [organizationId]);
  const key = generateApiKey();
  await execute("INSERT INTO api_keys (key_hash, organization_id, label) VALUES ($1, $2, 'scratch')", [
    await hashApiKey(key),
    organizationId,
  ]);
  return { organizationId, key };
}

/** Inserts contacts with the given ids and creation times (ISO-8601), `info` and tags left empty. */
export async function insertContacts(organizationId: string, rows: readonly { id: string; created: string }[]) {
  for (const row of rows) {
    await execute(
      "INSERT INTO contacts (id, organization_id, name, creation_time, last_update_time) VALUES ($1, $2, $3, $4, $4)",
      [row.id, organizationId, `name ${row.id}`, row.created],
    );
  }
}
