import { sql } from "drizzle-orm";
import type { QueryRunner } from "../db/client.ts";
import { apiKeys } from "../db/schema.ts";
import { Forbidden, Unauthenticated } from "../domain/errors.ts";
import { hashApiKey, looksLikeApiKey } from "./api-key.ts";

/**
 * Bearer-key authentication with a verification cache, so that a repeated
 * request (a cache hit above all) needs no database round trip to authenticate.
 *
 * A verified key is remembered for `authCacheSeconds` in this isolate and in the
 * data center's Cache API; that is also how long a revoked key may keep working.
 * Unknown keys are remembered briefly in memory only, to blunt hammering.
 */
export interface KeyVerdict {
  organizationId: string | null;
  expiresAt: number;
}

const NEGATIVE_SECONDS = 5;
const MEMORY_ENTRIES = 1000;
const memory = new Map<string, KeyVerdict>();

/** Synthetic cache URL for a key's verdict: keyed by the hash, never the key. */
const verdictUrl = (hash: string) => `https://auth.contact-query.internal/v1/key/${hash}`;

export interface AuthContext {
  cacheSeconds: number;
  /** Opens the database only when it is needed. */
  lookup: <T>(work: (db: QueryRunner) => Promise<T>) => Promise<T>;
  waitUntil: (promise: Promise<unknown>) => void;
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) throw new Unauthenticated("missing API key: send 'Authorization: Bearer <api key>'");
  return match[1];
}

/** The organization the presented key belongs to; `Unauthenticated` for a missing, unknown or revoked key. */
export async function authenticate(authorization: string | undefined, context: AuthContext): Promise<string> {
  const token = bearerToken(authorization);
  if (!looksLikeApiKey(token)) throw new Unauthenticated("invalid or revoked API key", "invalid_token");
  const hash = await hashApiKey(token);
  const verdict = await verdictFor(hash, context);
  if (!verdict.organizationId) throw new Unauthenticated("invalid or revoked API key", "invalid_token");
  return verdict.organizationId;
}

/** `Forbidden` unless the key's organization is the one the request names. */
export function authorize(organizationId: string, requested: string): void {
  if (organizationId !== requested) {
    throw new Forbidden("this API key does not belong to the requested organization");
  }
}

async function verdictFor(hash: string, context: AuthContext): Promise<KeyVerdict> {
  const now = Date.now();
  const remembered = memory.get(hash);
  if (remembered && remembered.expiresAt > now) return remembered;

  const cache = await caches.open("auth");
  const cached = await cache.match(verdictUrl(hash));
  if (cached) {
    const verdict = (await cached.json()) as KeyVerdict;
    if (verdict.expiresAt > now) return remember(hash, verdict);
  }

  const rows = await context.lookup((db) =>
    db.rows<{ organization_id: string }>(
      sql`SELECT ${apiKeys.organizationId} AS organization_id FROM ${apiKeys}
          WHERE ${apiKeys.keyHash} = ${hash}::text AND ${apiKeys.revokedAt} IS NULL`,
    ),
  );
  const organizationId = rows[0]?.organization_id ?? null;
  const seconds = organizationId ? context.cacheSeconds : NEGATIVE_SECONDS;
  const verdict: KeyVerdict = { organizationId, expiresAt: now + seconds * 1000 };
  if (organizationId && seconds > 0) {
    context.waitUntil(
      cache.put(
        verdictUrl(hash),
        new Response(JSON.stringify(verdict), { headers: { "Cache-Control": `max-age=${seconds}` } }),
      ),
    );
  }
  return remember(hash, verdict);
}

function remember(hash: string, verdict: KeyVerdict): KeyVerdict {
  if (memory.size >= MEMORY_ENTRIES) memory.delete(memory.keys().next().value as string);
  memory.set(hash, verdict);
  return verdict;
}
