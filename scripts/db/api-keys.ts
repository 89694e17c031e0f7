import type { Pool } from "@neondatabase/serverless";
import { generateApiKey, hashApiKey } from "../../src/auth/api-key.ts";

/**
 * Creating, listing, revoking and checking API keys from Node. Only the
 * SHA-256 of a key is stored (the same hashing the Worker uses to look keys
 * up); the plaintext is returned to the caller once, and nothing here ever
 * prints or returns a key again.
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

/**
 * A key's id: the first 12 hex digits of its stored SHA-256. It names a key in
 * `apikey:list` and `apikey:revoke` without revealing it (the hash of a
 * 256-bit random key says nothing about the key), and 48 bits keep ids of one
 * deployment's keys apart.
 */
export const KEY_ID_DIGITS = 12;
export const keyIdOf = (keyHash: string) => keyHash.slice(0, KEY_ID_DIGITS);
export const keyIdOfKey = async (key: string) => keyIdOf(await hashApiKey(key));

/** What runs SQL for these functions: the driver's Pool, or anything with its `query`. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** A key as the tooling shows it: never the key, never the whole hash. */
export interface ApiKeyInfo {
  id: string;
  organizationId: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

const COLUMNS = "key_hash, organization_id, label, created_at, revoked_at";

function info(row: Record<string, unknown>): ApiKeyInfo {
  const time = (value: unknown) =>
    value === null || value === undefined ? null : new Date(String(value)).toISOString();
  return {
    id: keyIdOf(String(row.key_hash)),
    organizationId: String(row.organization_id),
    label: row.label === null || row.label === undefined ? null : String(row.label),
    createdAt: time(row.created_at) ?? "",
    revokedAt: time(row.revoked_at),
  };
}

/** The organization's keys, oldest first, revoked ones included. */
export async function listApiKeys(db: Queryable, organizationId: string): Promise<ApiKeyInfo[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM api_keys WHERE organization_id = $1 ORDER BY created_at, key_hash`,
    [organizationId],
  );
  return rows.map(info);
}

/** A key id, or a longer prefix of a key's hash: 8 to 64 hex digits. */
const KEY_ID = /^[0-9a-f]{8,64}$/;

/** Returns an error message, or undefined when `id` can name a key. */
export function checkKeyId(id: string | undefined): string | undefined {
  if (!id) return "a key id is required (the 12 hex digits `npm run apikey:list -- <orgId>` shows)";
  if (!KEY_ID.test(id.toLowerCase())) {
    return `invalid key id '${id}': expected 8 to 64 hex digits, the start of the key's SHA-256 (npm run apikey:list)`;
  }
  return undefined;
}

export type Revocation =
  | { outcome: "revoked" | "already revoked"; key: ApiKeyInfo }
  | { outcome: "not found" | "ambiguous"; matches: number };

/**
 * Revokes the one key whose hash starts with `id`: sets `revoked_at` (once;
 * revoking a revoked key changes nothing). Never deletes the row, so the
 * revocation stays on record.
 */
export async function revokeApiKey(db: Queryable, id: string): Promise<Revocation> {
  const prefix = id.toLowerCase();
  if (!KEY_ID.test(prefix)) throw new Error(checkKeyId(id));
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM api_keys WHERE left(key_hash, $2) = $1 ORDER BY key_hash LIMIT 2`,
    [prefix, prefix.length],
  );
  if (rows.length !== 1 || !rows[0])
    return { outcome: rows.length === 0 ? "not found" : "ambiguous", matches: rows.length };
  const keyHash = String(rows[0].key_hash);
  const updated = await db.query(
    `UPDATE api_keys SET revoked_at = now() WHERE key_hash = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [keyHash],
  );
  const row = updated.rows[0];
  return row ? { outcome: "revoked", key: info(row) } : { outcome: "already revoked", key: info(rows[0]) };
}

/** Whether `key` is stored, unrevoked, for `organizationId`. */
export async function isActiveKey(pool: Pool, organizationId: string, key: string): Promise<boolean> {
  const result = await pool.query(
    "SELECT 1 FROM api_keys WHERE key_hash = $1 AND organization_id = $2 AND revoked_at IS NULL",
    [await hashApiKey(key), organizationId],
  );
  return result.rows.length > 0;
}
