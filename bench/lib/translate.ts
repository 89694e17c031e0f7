import { PgDialect } from "drizzle-orm/pg-core";
import type { Cursor } from "../../src/query/ast.ts";
import type { CountMode } from "../../src/query/count.ts";
import { parseContactQuery } from "../../src/query/parse-query.ts";
import { pageStatement } from "../../src/sql/page.ts";
import type { BenchQuery } from "./query-set.ts";

const dialect = new PgDialect();

/** What varies besides the request: the count mode, a keyset cursor, a count already known (cached). */
export interface TranslateOptions {
  count?: CountMode;
  after?: Cursor;
  countKnown?: boolean;
}

/** Exactly what the service runs for this request: parse, validate, translate. */
export function translate(
  organizationId: string,
  query: BenchQuery,
  options: TranslateOptions = {},
): { sql: string; params: unknown[] } {
  const parsed = parseContactQuery({
    q: query.q,
    qs: "lisp",
    s: query.s,
    ss: "simple",
    ...(query.search ? { search: query.search } : {}),
    page_size: query.pageSize ?? 20,
    // A page after a cursor has no offset: its number is the walk's, not a depth to check.
    page_number: options.after ? 1 : (query.pageNumber ?? 1),
    ...(options.count ? { count: options.count } : {}),
  });
  const withCursor = options.after ? { ...parsed, after: options.after, pageNumber: query.pageNumber ?? 1 } : parsed;
  return dialect.sqlToQuery(
    pageStatement(organizationId, withCursor, options.countKnown ? { countKnown: true } : {}).toSql(),
  );
}

/** The cursor a page's `next_keys` (the statement's column) holds: sort values, then the id. */
export function cursorOf(nextKeys: string): Cursor {
  const keys = JSON.parse(nextKeys) as (string | null)[];
  return { keys: keys.slice(0, -1), id: String(keys.at(-1)) };
}
