/**
 * @module API keys: 32 random bytes, base64url, behind a recognizable prefix. Only the
 * SHA-256 of a key is stored; a key has 256 bits of entropy, so a fast hash is
 * enough (there is nothing to brute-force, unlike a password).
 */
import { toBase64url } from "../base64url.ts";
import { sha256Hex } from "../sha256.ts";

export const API_KEY_PREFIX = "cq_";

export function generateApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return API_KEY_PREFIX + toBase64url(bytes);
}

export function hashApiKey(key: string): Promise<string> {
  return sha256Hex(key);
}

/** Whether a presented token has the shape of one of our keys (cheap pre-check). */
export function looksLikeApiKey(token: string): boolean {
  return /^cq_[A-Za-z0-9_-]{43}$/.test(token);
}
