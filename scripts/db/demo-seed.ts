import { readFileSync, writeFileSync } from "node:fs";
import type { Pool } from "@neondatabase/serverless";
import { DEMO_ORGANIZATIONS, demoContacts } from "../data/demo-data.ts";
import { insertContacts } from "../data/load-contacts.ts";
import { createApiKey, isActiveKey } from "./api-keys.ts";

/**
 * Loads the demo organizations. Idempotent by replacement: the demo orgs'
 * contacts are deleted and inserted again, so a rerun restores the pristine
 * demo data; contacts of every other organization are never touched.
 */
export async function seedDemoContacts(pool: Pool): Promise<Record<string, number>> {
  const ids = DEMO_ORGANIZATIONS.map((organization) => organization.id);
  await pool.query("DELETE FROM contacts WHERE organization_id = ANY($1)", [ids]);
  const counts: Record<string, number> = {};
  for (const organization of DEMO_ORGANIZATIONS) {
    const rows = demoContacts(organization);
    await insertContacts(pool, rows);
    counts[organization.id] = rows.length;
  }
  return counts;
}

export async function countContacts(pool: Pool): Promise<number> {
  const result = await pool.query("SELECT count(*)::int AS n FROM contacts");
  return Number(result.rows[0]?.n ?? 0);
}

export type DemoKeys = Record<string, string>;

/**
 * One working key per demo organization, kept in plaintext in `file` (the
 * embedded database only; `.data/` is gitignored) so every `npm run dev` can
 * print them again. Keys missing from the file or no longer valid in the
 * database are replaced.
 */
export async function ensureDemoKeys(pool: Pool, file: string): Promise<{ keys: DemoKeys; created: string[] }> {
  const keys = readKeys(file);
  const created: string[] = [];
  for (const { id } of DEMO_ORGANIZATIONS) {
    const existing = keys[id];
    if (existing && (await isActiveKey(pool, id, existing))) continue;
    keys[id] = await createApiKey(pool, id, "demo");
    created.push(id);
  }
  if (created.length > 0) writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return { keys, created };
}

function readKeys(file: string): DemoKeys {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (parsed === null || typeof parsed !== "object") return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return {};
  }
}

/** The organization with the most contacts, for an example request (undefined when there are none). */
export async function busiestOrganization(pool: Pool): Promise<string | undefined> {
  const result = await pool.query(
    "SELECT organization_id FROM contacts GROUP BY organization_id ORDER BY count(*) DESC, organization_id LIMIT 1",
  );
  const id = result.rows[0]?.organization_id;
  return typeof id === "string" ? id : undefined;
}
