import { fromBase64url, toBase64url } from "../base64url.ts";
import { InvalidRequest } from "../domain/errors.ts";
import type { Cursor, ParsedQuery } from "../query/ast.ts";
import { canonicalSelection } from "../query/canonical.ts";
import { sha256Hex } from "../sha256.ts";

/**
 * Page tokens: an opaque, tamper-evident string naming where the next page of
 * a walk starts. It carries the cursor (the last row's sort values and id),
 * the next page's number, the organization, and a digest of the canonical
 * filter and sort it belongs to; an HMAC-SHA256 over all of it makes any
 * change detectable. Tokens are not secret (they hold sort values the client
 * has already seen); the signature only keeps them honest.
 *
 * Format: base64url(JSON payload) "." base64url(HMAC).
 */
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

export const INVALID_TOKEN = "invalid";
export const TOKEN_MISMATCH = "does not match q and s";

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

async function selectionDigest(query: Pick<ParsedQuery, "filter" | "sort">): Promise<string> {
  return (await sha256Hex(JSON.stringify(canonicalSelection(query)))).slice(0, 32);
}

/** The token of the page after `query`'s, starting after `cursor`. */
export async function encodePageToken(
  secret: string,
  organizationId: string,
  query: Pick<ParsedQuery, "filter" | "sort" | "pageNumber">,
  cursor: Cursor,
): Promise<string> {
  const payload: Payload = {
    o: organizationId,
    s: await selectionDigest(query),
    k: [...cursor.keys, cursor.id],
    n: query.pageNumber + 1,
  };
  const body = toBase64url(new TextEncoder().encode(JSON.stringify(payload)));
  const signature = await crypto.subtle.sign("HMAC", await signingKey(secret), new TextEncoder().encode(body));
  return `${body}.${toBase64url(new Uint8Array(signature))}`;
}

/**
 * The cursor and page number a token names, for a request of `organizationId`
 * with `query`'s filter and sort. A token that is malformed, altered or from
 * another organization is `page_token: invalid`; one from a walk of another
 * filter or sort is `page_token: does not match q and s`.
 */
export async function decodePageToken(
  secret: string,
  organizationId: string,
  query: Pick<ParsedQuery, "filter" | "sort">,
  token: string,
): Promise<{ after: Cursor; pageNumber: number }> {
  const payload = await verified(secret, token);
  if (payload.o !== organizationId) throw new InvalidRequest("page_token", INVALID_TOKEN);
  if (payload.s !== (await selectionDigest(query)) || payload.k.length !== query.sort.length + 1) {
    throw new InvalidRequest("page_token", TOKEN_MISMATCH);
  }
  const id = payload.k.at(-1);
  if (typeof id !== "string") throw new InvalidRequest("page_token", INVALID_TOKEN);
  return { after: { keys: payload.k.slice(0, -1), id }, pageNumber: payload.n };
}

async function verified(secret: string, token: string): Promise<Payload> {
  const [body, signature, ...rest] = token.split(".");
  const bytes = body !== undefined && signature !== undefined && rest.length === 0 ? fromBase64url(body) : undefined;
  const mac = signature === undefined ? undefined : fromBase64url(signature);
  if (!bytes || !mac || body === undefined) throw new InvalidRequest("page_token", INVALID_TOKEN);
  const valid = await crypto.subtle.verify("HMAC", await signingKey(secret), mac, new TextEncoder().encode(body));
  if (!valid) throw new InvalidRequest("page_token", INVALID_TOKEN);
  const payload = JSON.parse(new TextDecoder().decode(bytes)) as Payload;
  // Signed by us, so well-formed; checked anyway, as a token outlives the code that wrote it.
  const wellFormed =
    typeof payload.o === "string" &&
    typeof payload.s === "string" &&
    Array.isArray(payload.k) &&
    payload.k.every((key) => key === null || typeof key === "string") &&
    Number.isSafeInteger(payload.n) &&
    payload.n >= 2;
  if (!wellFormed) throw new InvalidRequest("page_token", INVALID_TOKEN);
  return payload;
}
