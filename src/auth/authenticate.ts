/**
 * @module Bearer-key authentication with a verification cache, so that a repeated
 * request (a cache hit above all) needs no database round trip to authenticate.
 *
 * A verdict carries the time of the lookup that made it (`verifiedAt`). A
 * valid key is trusted without a database check until `cacheSeconds` after
 * that (`AUTH_CACHE_SECONDS`, default 10) — in this isolate and in the data
 * center's Cache API. That is the bound on revocation while the database
 * answers: a key revoked in `api_keys` stops working everywhere within
 * `cacheSeconds`. To keep a busy key from paying for that with a lookup on its
 * request path (and from a stampede of lookups when it expires), a verdict in
 * its second half is re-verified in the background, once per isolate; the
 * re-verification checks revocation too.
 *
 * Past `cacheSeconds` the key is looked up again, and only when that lookup
 * fails because the database is unavailable (`DatabaseUnavailable`, timeouts
 * included) is a verdict up to `staleSeconds` old (`AUTH_STALE_SECONDS`,
 * default 3600) accepted instead — never for any other reason — so cached
 * pages and stale-if-error pages keep being served through an outage. The
 * failed lookup's start is remembered with the verdict: for `cacheSeconds`
 * after it the key is accepted at once and re-checked in the background
 * (once per isolate at a time) rather than waiting on a failing database on
 * every request. A key revoked before or during an outage is therefore
 * refused at the latest `cacheSeconds` after the database is back (SECURITY.md).
 * Verdicts live in the Cache API `max(cacheSeconds, staleSeconds)`.
 *
 * A key that is not verified here is looked up only after `admitLookup` (the
 * per-address rate limit) lets it, so a flood of random keys stops costing
 * database lookups; with the database unavailable such a key is a 503. A
 * malformed key is refused before anything (no limit, no database). Unknown
 * keys are remembered briefly in memory, to blunt hammering with one key.
 */
import { sql } from "drizzle-orm";
import { namespacePath } from "../cache/cache-key.ts";
import type { QueryRunner } from "../db/client.ts";
import { DatabaseUnavailable, Forbidden, Unauthenticated } from "../domain/errors.ts";
import { logFailure } from "../log.ts";
import { hashApiKey, looksLikeApiKey } from "./api-key.ts";

export interface KeyVerdict {
  organizationId: string | null;
  /** When the lookup that made this verdict ran (ms since the epoch). */
  verifiedAt: number;
  /** When a later lookup of the key started that failed with the database unavailable (memory only). */
  lookupFailedAt?: number;
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

/** Synthetic cache URL for a key's verdict: keyed by the hash, never the key. (v2: verdicts carry `verifiedAt`.) */
const verdictUrl = (hash: string, namespace: string | undefined) =>
  `https://auth.contact-query.internal/v2${namespacePath(namespace)}/key/${hash}`;

export interface AuthContext {
  cacheSeconds: number;
  /** How old a valid verdict may be and still be accepted while the database is unavailable. */
  staleSeconds: number;
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
  const now = clock(context)();
  const known = remembered(hash, context, now) ?? (await cachedVerdict(hash, context, now));
  if (known && isFresh(known, context, now)) {
    if (known.organizationId) refreshWhenAging(hash, known, context, now);
    return known;
  }
  if (known?.organizationId) return duringOutageOnly(hash, known, context, now);
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

const clock = (context: AuthContext) => context.now ?? Date.now;

/** Whether the verdict may be used without asking the database. */
function isFresh(verdict: KeyVerdict, context: AuthContext, now: number): boolean {
  const seconds = verdict.organizationId ? context.cacheSeconds : NEGATIVE_SECONDS;
  return now < verdict.verifiedAt + seconds * 1000;
}

/** How long a verdict is kept: a valid one as long as it may stand in during an outage. */
function keepSeconds(verdict: KeyVerdict, context: AuthContext): number {
  return verdict.organizationId ? Math.max(context.cacheSeconds, context.staleSeconds) : NEGATIVE_SECONDS;
}

/**
 * A valid verdict past `cacheSeconds`: looked up again, and accepted only if
 * that lookup finds the database unavailable and the verdict is younger than
 * `staleSeconds`. While a failed lookup is recent (within `cacheSeconds` of its
 * start) the key is accepted at once and re-checked in the background.
 */
async function duringOutageOnly(hash: string, verdict: KeyVerdict, context: AuthContext, now: number) {
  const usable = now < verdict.verifiedAt + context.staleSeconds * 1000;
  const failedAt = verdict.lookupFailedAt;
  if (usable && failedAt !== undefined && now < failedAt + context.cacheSeconds * 1000) {
    reverifyInBackground(hash, context);
    return verdict;
  }
  lookingUp.add(hash);
  try {
    return await lookUp(hash, context);
  } catch (error) {
    if (!(usable && error instanceof DatabaseUnavailable)) throw error;
    logFailure("warn", "API key accepted on a stale verdict: the database is unavailable", error);
    return remember(hash, { ...verdict, lookupFailedAt: now });
  } finally {
    lookingUp.delete(hash);
  }
}

function remembered(hash: string, context: AuthContext, now: number): KeyVerdict | undefined {
  const verdict = memory.get(hash);
  return verdict && now < verdict.verifiedAt + keepSeconds(verdict, context) * 1000 ? verdict : undefined;
}

async function cachedVerdict(hash: string, context: AuthContext, now: number): Promise<KeyVerdict | undefined> {
  try {
    const cached = await (await caches.open("auth")).match(verdictUrl(hash, context.namespace));
    if (!cached) return undefined;
    const { organizationId, verifiedAt } = (await cached.json()) as KeyVerdict;
    const verdict: KeyVerdict = { organizationId, verifiedAt };
    if (!organizationId || !Number.isFinite(verifiedAt)) return undefined;
    if (now >= verifiedAt + keepSeconds(verdict, context) * 1000) return undefined;
    // A verdict this isolate holds with a failed lookup noted keeps that note.
    const held = memory.get(hash);
    return remember(hash, held && held.verifiedAt >= verifiedAt ? held : verdict);
  } catch (error) {
    logFailure("warn", "verified-key cache unavailable", error);
    return undefined;
  }
}

/** Polls this isolate's memory while another request's lookup of the key runs (no promise crosses requests). */
async function sharedVerdict(hash: string, context: AuthContext): Promise<KeyVerdict | undefined> {
  const deadline = Date.now() + SHARED_LOOKUP_WAIT_MS;
  while (lookingUp.has(hash) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const now = clock(context)();
  const verdict = remembered(hash, context, now);
  return verdict && isFresh(verdict, context, now) ? verdict : undefined;
}

/** The database's verdict on a key, remembered here and, when valid, in the data center's Cache API. */
async function lookUp(hash: string, context: AuthContext): Promise<KeyVerdict> {
  const verifiedAt = clock(context)();
  const rows = await context.lookup((db) =>
    db.rows<{ organization_id: string }>(
      // The table's columns are written out (as in db/schema.ts's \`apiKeys\`), so that
      // the Worker does not load the Drizzle table schema for one statement.
      sql`SELECT organization_id FROM api_keys WHERE key_hash = ${hash}::text AND revoked_at IS NULL`,
    ),
  );
  const organizationId = rows[0]?.organization_id ?? null;
  const verdict: KeyVerdict = { organizationId, verifiedAt };
  const seconds = keepSeconds(verdict, context);
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
  if (now - verdict.verifiedAt < halfLife || refreshing.has(hash)) return;
  refreshing.add(hash);
  const reverify = async () => {
    // Another isolate of this data center may have re-verified it already.
    const cached = await cachedVerdict(hash, context, now);
    if (cached && now - cached.verifiedAt < halfLife) return;
    await lookUp(hash, context);
  };
  context.waitUntil(
    reverify()
      .catch((error: unknown) => logFailure("warn", "background re-verification of an API key failed", error))
      .finally(() => refreshing.delete(hash)),
  );
}

/** During an outage: one background lookup at a time; a failure renews the note of the outage. */
function reverifyInBackground(hash: string, context: AuthContext): void {
  if (refreshing.has(hash)) return;
  refreshing.add(hash);
  const started = clock(context)();
  context.waitUntil(
    lookUp(hash, context)
      .catch((error: unknown) => {
        const held = memory.get(hash);
        if (error instanceof DatabaseUnavailable && held) remember(hash, { ...held, lookupFailedAt: started });
        logFailure("warn", "background re-verification of an API key failed", error);
      })
      .finally(() => refreshing.delete(hash)),
  );
}

function remember(hash: string, verdict: KeyVerdict): KeyVerdict {
  if (memory.size >= MEMORY_ENTRIES && !memory.has(hash)) memory.delete(memory.keys().next().value as string);
  memory.set(hash, verdict);
  return verdict;
}
