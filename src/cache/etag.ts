/**
 * @module HTTP validators for cached pages. Plain functions over strings (no Worker
 * bindings), so the benchmarks can run the exact same code in Node.
 */
import { sha256Hex } from "../sha256.ts";

/** A strong validator from the body's bytes (RFC 9110 §8.8.3). */
export async function strongEtag(body: string): Promise<string> {
  // 128 bits of the digest are plenty to tell two bodies apart.
  return `"${(await sha256Hex(body)).slice(0, 32)}"`;
}

/** RFC 9110 §13.1.2: If-None-Match is a list of entity tags, or `*`; comparison is weak. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const opaque = etag.replace(/^W\//, "");
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === opaque);
}
