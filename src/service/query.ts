/**
 * @module Queries: one page of contacts. The request is planned once (parsed,
 * its canonical forms computed), a page token is checked against it, and the
 * page is answered from the edge cache or with one statement.
 */
import { type CachedAnswer, cachedAnswer } from "../cache/answer-cache.ts";
import { countCache } from "../cache/count-cache.ts";
import type { StoredAnswer } from "../cache/edge-cache.ts";
import { strongEtag } from "../cache/etag.ts";
import { InvalidRequest } from "../domain/errors.ts";
import type { Count } from "../query/count.ts";
import { cursorFromStatement } from "../query/cursor.ts";
import { parseContactQuery, type QueryInput } from "../query/parse-query.ts";
import { QueryPlan } from "../query/plan.ts";
import { pageStatement } from "../sql/page.ts";
import type { ServiceDeps } from "./deps.ts";
import { pageBody } from "./page-body.ts";
import { decodePageToken, encodePageToken } from "./page-token.ts";

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
): Promise<CachedAnswer> {
  const plan = await withPageToken(organizationId, new QueryPlan(parseContactQuery(input)), input.page_token, deps);
  return cachedAnswer(organizationId, plan.canonical.page, () => loadPage(organizationId, plan, deps), deps);
}

/** A keyset page: the token's cursor and page number, checked against the plan's filter and sort. */
async function withPageToken(
  organizationId: string,
  plan: QueryPlan,
  token: string | undefined,
  deps: ServiceDeps,
): Promise<QueryPlan> {
  if (token === undefined) return plan;
  const { after, pageNumber } = await decodePageToken(deps.pageTokenSecret, organizationId, plan, token);
  return plan.continuing(after, pageNumber);
}

/** The one row the page statement returns (src/sql/page.ts). */
interface PageRow extends Record<string, unknown> {
  total_count: string | number | null;
  total_exact: boolean;
  /** NULL when the page is larger than the byte budget (`data_bytes` says how large). */
  data: string | null;
  data_bytes: string | number;
  page_rows: string | number;
  next_keys: string | null;
}

async function loadPage(organizationId: string, plan: QueryPlan, deps: ServiceDeps): Promise<StoredAnswer> {
  const { query } = plan;
  // Inside the loader, so its (sub-millisecond) lookup is timed with the database work it may save.
  const counts = countCache(organizationId, plan.canonical.filter, query.count ?? "exact", deps);
  const known = await counts.read();
  const maxDataBytes = deps.maxPageBytes;
  const statement = pageStatement(organizationId, query, {
    countKnown: known !== undefined,
    ...(known?.total == null ? {} : { knownMatches: known.total }),
    maxDataBytes,
  });
  const [row] = await deps.database((db) => db.rows<PageRow>(statement.toSql()));
  if (!row) throw new Error("the page statement returned no row");
  if (row.data === null) throw new InvalidRequest("page_size", pageTooLarge(Number(row.data_bytes), maxDataBytes));
  const count: Count = known ?? {
    total: row.total_count === null ? null : Number(row.total_count),
    exact: row.total_exact,
  };
  if (known === undefined && count.total !== null) counts.write(count);
  const nextToken =
    row.next_keys === null
      ? null
      : await encodePageToken(deps.pageTokenSecret, organizationId, plan, cursorFromStatement(row.next_keys));
  const body = pageBody(row.data, query, count, nextToken);
  return { body, etag: await strongEtag(body), storedAt: deps.clock(), rows: Number(row.page_rows) };
}

/** Why a page over the byte budget is refused, and what to ask instead. */
function pageTooLarge(bytes: number, maxBytes: number): string {
  return (
    `this page's contacts take ${bytes} bytes as JSON, more than the ${maxBytes} a page may hold; ` +
    "ask for fewer contacts (a smaller page_size) or fewer fields (fields=)"
  );
}
