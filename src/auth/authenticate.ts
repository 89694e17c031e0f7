import { sql } from "drizzle-orm";
import type { QueryRunner } from "../db/client.ts";
import { apiKeys } from "../db/schema.ts";
import { Forbidden, Unauthenticated } from "../domain/errors.ts";
import { logFailure } from "../log.ts";
import { hashApiKey, looksLikeApiKey } from "./api-key.ts";

/**
 * Bearer-key authentication with a verification cache, so that a repeated
 * request (a cache hit above all) needs no database round trip to authenticate.
 *
 * A verified key is remembered until `cacheSeconds` after the lookup that
 * verified it — in this isolate and in the data center's Cache API — and never
 * longer: copies carry the absolute expiry of that lookup. That is the bound
 * on revocation: a key revoked in `api_keys` stops working everywhere within
 * `cacheSeconds` (`AUTH_CACHE_SECONDS`, default 10). To keep a busy key from
 * paying for that with a lookup on its request path (and from a stampede of
 * lookups when it expires), a verdict in its second half is re-verified in the
 * background, once per isolate; the re-verification checks revocation too.
 *
 * A key that is not verified here is looked up only after `admitLookup` (the
 * per-address rate limit) lets it, so a flood of random keys stops costing
 * database lookups. A malformed key is refused before anything (no limit, no
 * database). Unknown keys are remembered briefly in memory, to blunt
 * hammering with one key.
 */
export interface KeyVerdict {
  organizationId: string | null;
  expiresAt: number;
}

export interface Authenticated {
  organizationId: string;
  /** SHA-256 of the key, hex: what per-key limits count by (never the key). */
  keyHash: string;
}

const NEGATIVE_SECONDS = 5;
const MEMORY_ENTRIES = 1000;
/** How long a request waits for a lookup of the same key another request of this isolate is making. */
const SHARED_LOOKUP_WAIT_MS = 2000;
const memory = new Map<string, KeyVerdict>();
/** Keys being looked up (on a request's path) or re-verified (in the background) by this isolate. */
const lookingUp = new Set<string>();
const refreshing = new Set<string>();

/** Synthetic cache URL for a key's verdict: keyed by the hash, never the key. */
const verdictUrl = (hash: string, namespace: string | undefined) =>
  `https://auth.contact-query.internal/v1${namespace ? `/ns/${encodeURIComponent(namespace)}` : ""}/key/${hash}`;

export interface AuthContext {
  cacheSeconds: number;
  /** `CACHE_NAMESPACE`: verdicts of one database are never read with another. */
  namespace?: string | undefined;
  /** Opens the database only when it is needed. */
  lookup: <T>(work: (db: QueryRunner) => Promise<T>) => Promise<T>;
  waitUntil: (promise: Promise<unknown>) => void;
  /** Called before the database is asked about a key not verified here; throws (`RateLimited`) to refuse. */
  admitLookup: () => Promise<void>;
  /** Milliseconds since the epoch (tests may move it). */
  now?: () => number;
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) throw new Unauthenticated("missing API key: send 'Authorization: Bearer <api key>'");
  return match[1];
}

/** The organization the presented key belongs to; `Unauthenticated` for a missing, unknown or revoked key. */
export async function authenticate(authorization: string | undefined, context: AuthContext): Promise<Authenticated> {
  const token = bearerToken(authorization);
  if (!looksLikeApiKey(token)) throw new Unauthenticated("invalid or revoked API key", "invalid_token");
  const keyHash = await hashApiKey(token);
  const verdict = await verdictFor(keyHash, context);
  if (!verdict.organizationId) throw new Unauthenticated("invalid or revoked API key", "invalid_token");
  return { organizationId: verdict.organizationId, keyHash };
}

/** `Forbidden` unless the key's organization is the one the request names. */
export function authorize(organizationId: string, requested: string): void {
  if (organizationId !== requested) {
    throw new Forbidden("this API key does not belong to the requested organization");
  }
}

async function verdictFor(hash: string, context: AuthContext): Promise<KeyVerdict> {
  const now = (context.now ?? Date.now)();
  const known = remembered(hash, now) ?? (await cachedVerdict(hash, context, now));
  if (known) {
    if (known.organizationId) refreshWhenAging(hash, known, context, now);
    return known;
  }
  // Another request of this isolate is looking this key up: wait for its verdict rather than ask again.
  if (lookingUp.has(hash)) {
    const shared = await sharedVerdict(hash, context);
    if (shared) return shared;
  }
  await context.admitLookup();
  lookingUp.add(hash);
  try {
    return await lookUp(hash, context);
  } finally {
    lookingUp.delete(hash);
  }
}

function remembered(hash: string, now: number): KeyVerdict | undefined {
  const verdict = memory.get(hash);
  return verdict && verdict.expiresAt > now ? verdict : undefined;
}

async function cachedVerdict(hash: string, context: AuthContext, now: number): Promise<KeyVerdict | undefined> {
  try {
    const cached = await (await caches.open("auth")).match(verdictUrl(hash, context.namespace));
    if (!cached) return undefined;
    const verdict = (await cached.json()) as KeyVerdict;
    return verdict.organizationId && verdict.expiresAt > now ? remember(hash, verdict) : undefined;
  } catch (error) {
    logFailure("warn", "verified-key cache unavailable", error);
    return undefined;
  }
}

/** Polls this isolate's memory while another request's lookup of the key runs (no promise crosses requests). */
async function sharedVerdict(hash: string, context: AuthContext): Promise<KeyVerdict | undefined> {
  const clock = context.now ?? Date.now;
  const deadline = Date.now() + SHARED_LOOKUP_WAIT_MS;
  while (lookingUp.has(hash) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return remembered(hash, clock());
}

/** The database's verdict on a key, remembered here and, when valid, in the data center's Cache API. */
async function lookUp(hash: string, context: AuthContext): Promise<KeyVerdict> {
  const rows = await context.lookup((db) =>
    db.rows<{ organization_id: string }>(
      sql`SELECT ${apiKeys.organizationId} AS organization_id FROM ${apiKeys}
          WHERE ${apiKeys.keyHash} = ${hash}::text AND ${apiKeys.revokedAt} IS NULL`,
    ),
  );
  const organizationId = rows[0]?.organization_id ?? null;
  const seconds = organizationId ? context.cacheSeconds : NEGATIVE_SECONDS;
  const verdict: KeyVerdict = { organizationId, expiresAt: (context.now ?? Date.now)() + seconds * 1000 };
  if (organizationId && seconds > 0) {
    context.waitUntil(
      caches
        .open("auth")
        .then((cache) =>
          cache.put(
            verdictUrl(hash, context.namespace),
            new Response(JSON.stringify(verdict), { headers: { "Cache-Control": `max-age=${seconds}` } }),
          ),
        )
        .catch((error: unknown) => logFailure("warn", "verified-key cache write failed", error)),
    );
  }
  if (!organizationId) {
    // A key that was valid here a moment ago (revoked since) must not be served from the data center's cache.
    context.waitUntil(
      caches
        .open("auth")
        .then((cache) => cache.delete(verdictUrl(hash, context.namespace)))
        .catch((error: unknown) => logFailure("warn", "verified-key cache delete failed", error)),
    );
  }
  return remember(hash, verdict);
}

/**
 * A valid verdict in the second half of its life is re-verified in the
 * background (once per isolate at a time): a busy key never expires on its
 * request path, and a revoked one is found out at the latest when the verdict
 * it still holds expires. A failed re-verification changes nothing.
 */
function refreshWhenAging(hash: string, verdict: KeyVerdict, context: AuthContext, now: number): void {
  const halfLife = (context.cacheSeconds * 1000) / 2;
  if (verdict.expiresAt - now > halfLife || refreshing.has(hash)) return;
  refreshing.add(hash);
  const reverify = async () => {
    // Another isolate of this data center may have re-verified it already.
    const cached = await cachedVerdict(hash, context, now);
    if (cached && cached.expiresAt - now > halfLife) return;
    await lookUp(hash, context);
  };
  context.waitUntil(
    reverify()
      .catch((error: unknown) => logFailure("warn", "background re-verification of an API key failed", error))
      .finally(() => refreshing.delete(hash)),
  );
}

function remember(hash: string, verdict: KeyVerdict): KeyVerdict {
  if (memory.size >= MEMORY_ENTRIES) memory.delete(memory.keys().next().value as string);
  memory.set(hash, verdict);
  return verdict;
}
