/**
 * @module Page tokens: an opaque, tamper-evident string naming where the next
 * page of a walk starts. It carries the cursor (the last row's sort values and
 * id, src/query/cursor.ts), the next page's number, the organization, and the
 * digest of the canonical filter and sort it belongs to (the query plan's);
 * an HMAC-SHA256 over all of it makes any change detectable. Tokens are not
 * secret (they hold sort values the client has already seen); the signature
 * only keeps them honest.
 *
 * Format: base64url(JSON payload) "." base64url(HMAC).
 */
import { fromBase64url, toBase64url } from "../base64url.ts";
import type { Cursor } from "../query/ast.ts";
import { cursorKeys, cursorOf } from "../query/cursor.ts";
import type { QueryPlan } from "../query/plan.ts";
import { QueryError } from "../query/query-error.ts";

interface Payload {
  /** Organization. */
  o: string;
  /** Digest of the canonical filter and sort. */
  s: string;
  /** Cursor: sort values as text, then the id. */
  k: (string | null)[];
  /** The next page's number in the walk. */
  n: number;
}

const invalid = () =>
  new QueryError("page_token", "invalid-token", "invalid", undefined, "start the walk again without page_token");
const mismatch = () => new QueryError("page_token", "token-mismatch", "does not match q and s");

/** The signing key, derived from a secret (cached per secret: deriving costs a digest and an import). */
const keys = new Map<string, Promise<CryptoKey>>();

function signingKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(`page-token\n${secret}`),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    keys.set(secret, key);
  }
  return key;
}

/** The token of the page after `plan`'s, starting after `cursor`. */
export async function encodePageToken(
  secret: string,
  organizationId: string,
  plan: QueryPlan,
  cursor: Cursor,
): Promise<string> {
  const payload: Payload = {
    o: organizationId,
    s: await plan.selectionDigest(),
    k: cursorKeys(cursor),
    n: plan.query.pageNumber + 1,
  };
  const body = toBase64url(new TextEncoder().encode(JSON.stringify(payload)));
  const signature = await crypto.subtle.sign("HMAC", await signingKey(secret), new TextEncoder().encode(body));
  return `${body}.${toBase64url(new Uint8Array(signature))}`;
}

/**
 * The cursor and page number a token names, for a request of `organizationId`
 * with `plan`'s filter and sort. A token that is malformed, altered or from
 * another organization is `page_token: invalid` (with a hint: start again
 * without it); one from a walk of another
 * filter or sort is `page_token: does not match q and s`.
 */
export async function decodePageToken(
  secret: string,
  organizationId: string,
  plan: QueryPlan,
  token: string,
): Promise<{ after: Cursor; pageNumber: number }> {
  const payload = await verified(secret, token);
  if (payload.o !== organizationId) throw invalid();
  if (payload.s !== (await plan.selectionDigest())) throw mismatch();
  const after = cursorOf(payload.k, plan.query.sort.length);
  if (!after) throw mismatch();
  return { after, pageNumber: payload.n };
}

async function verified(secret: string, token: string): Promise<Payload> {
  const [body, signature, ...rest] = token.split(".");
  const bytes = body !== undefined && signature !== undefined && rest.length === 0 ? fromBase64url(body) : undefined;
  const mac = signature === undefined ? undefined : fromBase64url(signature);
  if (!bytes || !mac || body === undefined) throw invalid();
  const valid = await crypto.subtle.verify("HMAC", await signingKey(secret), mac, new TextEncoder().encode(body));
  if (!valid) throw invalid();
  const payload = JSON.parse(new TextDecoder().decode(bytes)) as Payload;
  // Signed by us, so well-formed; checked anyway, as a token outlives the code that wrote it.
  const wellFormed =
    typeof payload.o === "string" &&
    typeof payload.s === "string" &&
    cursorOf(payload.k) !== undefined &&
    Number.isSafeInteger(payload.n) &&
    payload.n >= 2;
  if (!wellFormed) throw invalid();
  return payload;
}
