import type { Pool } from "@neondatabase/serverless";
import { generateApiKey, hashApiKey } from "../../src/auth/api-key.ts";

/**
 * Creating and checking API keys from Node. Only the SHA-256 of a key is
 * stored (the same hashing the Worker uses to look keys up); the plaintext is
 * returned to the caller once.
 */
const ORG_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** Returns an error message, or undefined when the id is acceptable. */
export function checkOrganizationId(orgId: string | undefined): string | undefined {
  if (!orgId) return "an organization id is required";
  if (!ORG_ID.test(orgId)) {
    return `invalid organization id '${orgId}': use 1-128 characters from A-Z a-z 0-9 _ . : - (starting with a letter or digit)`;
  }
  return undefined;
}

export async function createApiKey(pool: Pool, organizationId: string, label: string | null): Promise<string> {
  const key = generateApiKey();
  await pool.query("INSERT INTO api_keys (key_hash, organization_id, label) VALUES ($1, $2, $3)", [
    await hashApiKey(key),
    organizationId,
    label,
  ]);
  return key;
}

/** Whether `key` is stored, unrevoked, for `organizationId`. */
export async function isActiveKey(pool: Pool, organizationId: string, key: string): Promise<boolean> {
  const result = await pool.query(
    "SELECT 1 FROM api_keys WHERE key_hash = $1 AND organization_id = $2 AND revoked_at IS NULL",
    [await hashApiKey(key), organizationId],
  );
  return result.rows.length > 0;
}
