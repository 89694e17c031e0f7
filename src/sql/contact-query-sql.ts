import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { contacts } from "../db/schema.ts";
import type { ContactQuery, SortKey } from "../query/ast.ts";
import { ROOT_SCOPE } from "./fields.ts";
import { filterToSql, scalarOf } from "./filter-sql.ts";

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
 */
export function contactQuerySql(organizationId: string, query: ContactQuery): SQL {
  const tenant = sql`${contacts.organizationId} = ${organizationId}::text`;
  const where = query.filter ? sql`${tenant} AND ${filterToSql(query.filter, ROOT_SCOPE)}` : tenant;
  const offset = (query.pageNumber - 1) * query.pageSize;
  return sql`SELECT
  (SELECT count(*) FROM ${contacts} WHERE ${where})::int8 AS total_count,
  (SELECT coalesce(json_agg(${contactJson()} ORDER BY page.position), '[]'::json)::text
    FROM (
      SELECT ordered.id, row_number() OVER () AS position FROM (
        SELECT ${contacts.id} AS id FROM ${contacts}
        WHERE ${where}
        ORDER BY ${orderBy(query.sort)}
        LIMIT ${query.pageSize}::int8 OFFSET ${offset}::int8
      ) AS ordered
    ) AS page
    JOIN ${contacts} ON ${contacts.id} = page.id AND ${tenant}) AS data`;
}

/** Nulls, missing and wrong-typed values last in both directions; `id` breaks ties. */
function orderBy(keys: readonly SortKey[]): SQL {
  const parts = keys.map(
    (key) => sql`${scalarOf(key.field, ROOT_SCOPE)} ${key.direction === "desc" ? sql`DESC` : sql`ASC`} NULLS LAST`,
  );
  parts.push(sql`(${contacts.id} COLLATE "C") ASC`);
  return sql.join(parts, sql`, `);
}

function isoMillis(column: PgColumn): SQL {
  return sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

function contactJson(): SQL {
  return sql`json_build_object(
    'companyContactId', ${contacts.companyContactId},
    'creationTime', ${isoMillis(contacts.creationTime)},
    'emailAddress', ${contacts.emailAddress},
    'id', ${contacts.id},
    'info', ${contacts.info},
    'lastUpdateTime', ${isoMillis(contacts.lastUpdateTime)},
    'name', ${contacts.name},
    'organizationID', ${contacts.organizationId},
    'tags', ${contacts.tags})`;
}
