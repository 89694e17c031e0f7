import type { SQL } from "drizzle-orm";
import { contacts } from "../db/schema.ts";
import type { ParsedQuery, SortTerm } from "../query/ast.ts";
import { CONTACT_JSON } from "./contact-json.ts";
import { columnSql, ROOT_SCOPE, TABLE_SQL } from "./field-sql.ts";
import { writeFilter, writeScalar } from "./filter-sql.ts";
import { SqlWriter } from "./statement.ts";

/**
 * The one statement a request runs: the exact `total_count` and the page, the
 * page already rendered as the response's JSON array by Postgres (key order,
 * `null`s, `[]` for empty tags, ISO-8601 UTC timestamps with milliseconds,
 * `info` as stored), so the Worker splices it into the body without
 * re-serializing. Both parts share one round trip.
 *
 * The page is chosen by id first and rendered after: a Limit node evaluates
 * its input's select list for the rows OFFSET skips too, so rendering inside
 * the ordered scan would build (and detoast) up to 100,000 documents to throw
 * away. The ids are then joined back through the primary key.
 *
 * The WHERE clause is written once and its text repeated for the page: both
 * copies refer to the same parameters. The result is a whole statement, to be
 * run as is (see SqlWriter.toSql).
 */
export function contactQuerySql(organizationId: string, query: ParsedQuery): SQL {
  return writeContactQuery(organizationId, query).toSql();
}

/** The same statement as text and parameters (`$1` is `params[0]`). */
export function contactQueryText(organizationId: string, query: ParsedQuery) {
  return writeContactQuery(organizationId, query).toQuery();
}

const ID = columnSql(contacts.id);

function writeContactQuery(organizationId: string, query: ParsedQuery): SqlWriter {
  const w = new SqlWriter();
  const offset = (query.pageNumber - 1) * query.pageSize;
  w.raw(`SELECT\n  (SELECT count(*) FROM ${TABLE_SQL} WHERE `);
  const whereStart = w.length;
  w.raw(`${columnSql(contacts.organizationId)} = `).param(organizationId, "text");
  const tenant = w.since(whereStart);
  if (query.filter) {
    w.raw(" AND ");
    writeFilter(w, query.filter, ROOT_SCOPE);
  }
  const where = w.since(whereStart);
  w.raw(`)::int8 AS total_count,
  (SELECT coalesce(json_agg(${CONTACT_JSON} ORDER BY page.position), '[]'::json)::text
    FROM (
      SELECT ordered.id, row_number() OVER () AS position FROM (
        SELECT ${ID} AS id FROM ${TABLE_SQL}
        WHERE ${where}
        ORDER BY `);
  writeOrderBy(w, query.sort);
  w.raw("\n        LIMIT ")
    .param(String(query.pageSize), "int8")
    .raw(" OFFSET ")
    .param(String(offset), "int8")
    .raw(`
      ) AS ordered
    ) AS page
    JOIN ${TABLE_SQL} ON ${ID} = page.id AND ${tenant}) AS data`);
  return w;
}

/** Nulls, missing and wrong-typed values last in both directions; `id` breaks ties. */
function writeOrderBy(w: SqlWriter, keys: readonly SortTerm[]): void {
  for (const key of keys) {
    writeScalar(w, key.field, ROOT_SCOPE);
    w.raw(` ${key.direction === "desc" ? "DESC" : "ASC"} NULLS LAST, `);
  }
  w.raw(`(${ID} COLLATE "C") ASC`);
}
