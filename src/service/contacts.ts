import type { CachedPage } from "../cache/edge-cache.ts";
import { strongEtag } from "../cache/etag.ts";
import { type CacheStatus, cachedPage, freshnessOf } from "../cache/policy.ts";
import { InvalidRequest, NotConfigured } from "../domain/errors.ts";
import { SETTINGS } from "../env.ts";
import { logFailure } from "../log.ts";
import type { ParsedQuery } from "../query/ast.ts";
import { canonicalFilter, canonicalQuery } from "../query/canonical.ts";
import { parseContactQuery, type QueryInput } from "../query/parse-query.ts";
import { contactQuerySql } from "../sql/contact-query-sql.ts";
import type { ServiceDeps } from "./deps.ts";
import { decodePageToken, encodePageToken } from "./page-token.ts";

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
  const query = await withPageToken(organizationId, parseContactQuery(input), input.page_token, deps);
  return cachedAnswer(organizationId, canonicalQuery(query), () => loadPage(organizationId, query, deps), deps);
}

/**
 * An answer from the edge cache under the organization and `canonical` (its
 * generation, freshness, stale-while-revalidate and stale-if-error: cache/policy.ts),
 * or from `load` — the one database round trip — on a miss. Pages and facets both.
 */
export async function cachedAnswer(
  organizationId: string,
  canonical: string,
  load: () => Promise<CachedPage>,
  deps: ServiceDeps,
): Promise<ContactPageResult> {
  const { cache, measure } = deps;
  const { page, status } = await cachedPage(
    () => measure("cache", () => cache.key(organizationId, canonical)),
    () => measure("db", load),
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

/** A keyset page: the token's cursor and page number, checked against this request's filter and sort. */
async function withPageToken(
  organizationId: string,
  query: ParsedQuery,
  token: string | undefined,
  deps: ServiceDeps,
): Promise<ParsedQuery> {
  if (token === undefined) return query;
  return { ...query, ...(await decodePageToken(deps.pageTokenSecret, organizationId, query, token)) };
}

/** Makes every cached page of the organization stale at once; returns the new cache generation. */
export async function purgeContactCache(organizationId: string, deps: ServiceDeps): Promise<string> {
  const generation = await deps.cache.purge(organizationId);
  if (generation === undefined) {
    throw new NotConfigured("cache purge is not configured (no CACHE_GENERATIONS binding)");
  }
  return generation;
}

/** The one row the contact statement returns (src/sql/contact-query-sql.ts). */
interface PageRow extends Record<string, unknown> {
  total_count: string | number | null;
  total_exact: boolean;
  /** NULL when the page is larger than the byte budget (`data_bytes` says how large). */
  data: string | null;
  data_bytes: string | number;
  page_rows: string | number;
  next_keys: string | null;
}

/** A count as cached for its filter (see `knownCount`). */
interface Count {
  total: number | null;
  exact: boolean;
}

async function loadPage(organizationId: string, query: ParsedQuery, deps: ServiceDeps): Promise<CachedPage> {
  const counts = countCache(organizationId, query, deps);
  const known = await counts.read();
  const maxDataBytes = deps.maxPageBytes ?? SETTINGS.MAX_PAGE_BYTES.default;
  const [row] = await deps.database((db) =>
    db.rows<PageRow>(contactQuerySql(organizationId, query, { countKnown: known !== undefined, maxDataBytes })),
  );
  if (!row) throw new Error("the contact query returned no row");
  if (row.data === null) throw new InvalidRequest("page_size", pageTooLarge(Number(row.data_bytes), maxDataBytes));
  const count: Count = known ?? {
    total: row.total_count === null ? null : Number(row.total_count),
    exact: row.total_exact,
  };
  if (known === undefined && count.total !== null) counts.write(count);
  const nextToken = row.next_keys === null ? null : await nextPageToken(organizationId, query, row.next_keys, deps);
  const body = pageBody(row.data, query, count, nextToken);
  return { body, etag: await strongEtag(body), storedAt: deps.clock(), rows: Number(row.page_rows) };
}

/** Why a page over the byte budget is refused, and what to ask instead. */
export function pageTooLarge(bytes: number, maxBytes: number): string {
  return (
    `this page's contacts take ${bytes} bytes as JSON, more than the ${maxBytes} a page may hold; ` +
    "ask for fewer contacts (a smaller page_size) or fewer fields (fields=)"
  );
}

/**
 * One count per filter: the count depends on the organization, the filter and
 * the count mode only, so it is cached under its own key (same generation and
 * freshness as pages) and reused by every page, page size, sort and
 * projection of that filter, which then run only the page part.
 */
function countCache(organizationId: string, query: ParsedQuery, deps: ServiceDeps) {
  const mode = query.count ?? "exact";
  const { cache } = deps;
  const enabled = mode !== "none" && cache.settings.ttlSeconds > 0;
  const key = () => cache.key(organizationId, `count:${mode}:${canonicalFilter(query)}`);
  return {
    async read(): Promise<Count | undefined> {
      if (!enabled) return undefined;
      // Inside the loader, so its (sub-millisecond) lookup is timed with the database work it may save.
      const entry = await cache.read(await key());
      if (!entry || freshnessOf(entry, deps.clock(), cache.settings) !== "fresh") return undefined;
      return JSON.parse(entry.body) as Count;
    },
    write(count: Count): void {
      if (!enabled) return;
      const body = JSON.stringify(count);
      deps.waitUntil(
        key()
          .then((url) => cache.write(url, { body, etag: '"count"', storedAt: deps.clock(), rows: 0 }, organizationId))
          // A count not cached is only counted again.
          .catch((error: unknown) => logFailure("warn", "count cache write failed", error)),
      );
    },
  };
}

async function nextPageToken(
  organizationId: string,
  query: ParsedQuery,
  nextKeys: string,
  deps: ServiceDeps,
): Promise<string> {
  const keys = JSON.parse(nextKeys) as (string | null)[];
  const cursor = { keys: keys.slice(0, -1), id: String(keys.at(-1)) };
  return encodePageToken(deps.pageTokenSecret, organizationId, query, cursor);
}

/**
 * The response body, spliced around the JSON array Postgres rendered: no
 * parsing and no re-serializing of the contacts.
 */
export function pageBody(
  data: string,
  query: Pick<ParsedQuery, "pageNumber" | "pageSize">,
  count: Count,
  nextPageToken: string | null,
): string {
  return (
    `{"data":${data},"page_number":${query.pageNumber},"page_size":${query.pageSize},` +
    `"total_count":${count.total},"total_count_exact":${count.exact},"next_page_token":${JSON.stringify(nextPageToken)}}`
  );
}
