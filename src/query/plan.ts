/**
 * @module A query request, planned once: the parsed query and everything
 * derived from it that the service needs — its canonical forms (the page's
 * cache key, the count's, what a page token is bound to) and the digest a
 * token carries — each computed once, however many steps of the request read
 * them.
 */
import { sha256Hex } from "../sha256.ts";
import type { Cursor, ParsedQuery } from "./ast.ts";
import { type CanonicalForms, canonicalForms } from "./canonical.ts";

export class QueryPlan {
  readonly canonical: CanonicalForms;
  private digest: Promise<string> | undefined;

  constructor(
    readonly query: ParsedQuery,
    /** The forms of a plan this one continues (same filter and sort), to share its digest. */
    from?: QueryPlan,
  ) {
    this.canonical = canonicalForms(query, from?.canonical.printed);
    this.digest = from?.digest;
  }

  /** The digest of the filter and the sort a page token is bound to (128 bits of SHA-256, hex). */
  selectionDigest(): Promise<string> {
    this.digest ??= sha256Hex(this.canonical.selection).then((hex) => hex.slice(0, 32));
    return this.digest;
  }

  /** The same query as a keyset page: after `cursor`, numbered `pageNumber` in its walk. */
  continuing(after: Cursor, pageNumber: number): QueryPlan {
    return new QueryPlan({ ...this.query, after, pageNumber }, this);
  }
}
