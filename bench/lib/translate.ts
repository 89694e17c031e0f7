import { PgDialect } from "drizzle-orm/pg-core";
import { parseContactQuery } from "../../src/query/parse-query.ts";
import { contactQuerySql } from "../../src/sql/contact-query-sql.ts";
import type { BenchQuery } from "./query-set.ts";

const dialect = new PgDialect();

/** Exactly what the service runs for this request: parse, validate, translate. */
export function translate(organizationId: string, query: BenchQuery): { sql: string; params: unknown[] } {
  const parsed = parseContactQuery({
    q: query.q,
    qs: "lisp",
    s: query.s,
    ss: "simple",
    page_size: query.pageSize ?? 20,
    page_number: query.pageNumber ?? 1,
  });
  return dialect.sqlToQuery(contactQuerySql(organizationId, parsed));
}
