import type { CachedPage } from "../cache/edge-cache.ts";
import { strongEtag } from "../cache/etag.ts";
import { type CacheStatus, cachedPage } from "../cache/policy.ts";
import { NotConfigured } from "../domain/errors.ts";
import type { ParsedQuery } from "../query/ast.ts";
import { canonicalQuery } from "../query/canonical.ts";
import { parseContactQuery, type QueryInput } from "../query/parse-query.ts";
import { contactQuerySql } from "../sql/contact-query-sql.ts";
import type { ServiceDeps } from "./deps.ts";

/**
 * The contacts service: what the API does, with no HTTP in it. Route handlers
 * turn a request into a call here and the result back into a response.
 */

/** One page of contacts, ready to send: the JSON body, its ETag, and where it came from. */
export interface ContactPageResult {
  page: CachedPage;
  /** HIT, MISS or STALE (see cache/policy.ts). */
  cache: CacheStatus;
  /** Seconds since the page was read from the database. */
  ageSeconds: number;
}

/**
 * Parses the query (a `QueryError` for any mistake in it), then answers from
 * the edge cache or with one statement to the database. The page is keyed on
 * the organization and the canonical form of the query, so every spelling of
 * the same query shares one entry.
 */
export async function queryContacts(
  organizationId: string,
  input: QueryInput,
  deps: ServiceDeps,
): Promise<ContactPageResult> {
  const query = parseContactQuery(input);
  const { cache, measure } = deps;
  const { page, status } = await cachedPage(
    () => measure("cache", () => cache.key(organizationId, canonicalQuery(query))),
    () => measure("db", () => loadPage(organizationId, query, deps)),
    {
      settings: cache.settings,
      store: {
        read: (key) => measure("cache", () => cache.read(key)),
        write: (key, fresh) => cache.write(key, fresh, organizationId),
      },
      now: deps.clock,
      schedule: deps.waitUntil,
    },
  );
  return { page, cache: status, ageSeconds: Math.max(0, Math.floor((deps.clock() - page.storedAt) / 1000)) };
}

/** Makes every cached page of the organization stale at once; returns the new cache generation. */
export async function purgeContactCache(organizationId: string, deps: ServiceDeps): Promise<string> {
  const generation = await deps.cache.purge(organizationId);
  if (generation === undefined) {
    throw new NotConfigured("cache purge is not configured (no CACHE_GENERATIONS binding)");
  }
  return generation;
}

/** The one row the contact statement returns: the exact total, and the page already rendered as a JSON array. */
interface PageRow extends Record<string, unknown> {
  total_count: string | number;
  data: string;
}

async function loadPage(organizationId: string, query: ParsedQuery, deps: ServiceDeps): Promise<CachedPage> {
  const [row] = await deps.database((db) => db.rows<PageRow>(contactQuerySql(organizationId, query)));
  if (!row) throw new Error("the contact query returned no row");
  const total = Number(row.total_count);
  const body = pageBody(row.data, query, total);
  const rows = Math.min(query.pageSize, Math.max(0, total - (query.pageNumber - 1) * query.pageSize));
  return { body, etag: await strongEtag(body), storedAt: deps.clock(), rows };
}

/**
 * The response body, spliced around the JSON array Postgres rendered: no
 * parsing and no re-serializing of the contacts.
 */
export function pageBody(data: string, query: Pick<ParsedQuery, "pageNumber" | "pageSize">, total: number): string {
  return `{"data":${data},"page_number":${query.pageNumber},"page_size":${query.pageSize},"total_count":${total}}`;
}
