/**
 * @module A contact as the response's JSON object, as text, rendered by
 * Postgres from the contact's declaration: its keys in declaration order,
 * `null` for a null column, `[]` for empty tags (the column is never null),
 * timestamps as ISO-8601 UTC with milliseconds, `info` exactly as stored.
 *
 * With a projection, only `id` and the projected keys; of `info`, the whole
 * document or the asked-for paths nested as in the document, a path missing
 * from the document left out (and an object left out when nothing under it is
 * present). Path keys are bound parameters.
 *
 * Written as one `concat` of each key and its value's JSON text, rather than
 * `json_build_object`, which looks up each argument's type on every call
 * (docs/decisions/0003-page-rendering.md).
 */
import { CONTACT_COLUMNS, type DeclaredColumn, INFO_COLUMN } from "../contact/columns.ts";
import type { Projection } from "../query/ast.ts";
import { columnSql, INFO } from "./fields.ts";
import { bind, responseKeyText, type SqlWriter, type TrustedSql, trusted } from "./writer.ts";

export function writeContactJson(w: SqlWriter, projection?: Projection): void {
  const columns = projection
    ? CONTACT_COLUMNS.filter(({ key }) => key === "id" || projection.keys.includes(key))
    : CONTACT_COLUMNS;
  w.sql`concat(`;
  columns.forEach((column, i) => {
    // `'{"key":'`, then the value's JSON text.
    w.sql`'${i > 0 ? trusted`,` : trusted`{`}"${KEY_TEXT.get(column.column) as TrustedSql}":', `;
    const json = COLUMN_JSON.get(column.column);
    if (json !== undefined) w.raw(json);
    else if (projection?.infoPaths) {
      w.sql`${(w) => writeProjected(w, INFO, pathTree(projection.infoPaths ?? []))}::text`;
    } else w.sql`${INFO}::text`;
    w.sql`, `;
  });
  w.sql`'}')`;
}

/** Each column's response key, as the text of a string literal: written once, every page renders them all. */
const KEY_TEXT: ReadonlyMap<string, TrustedSql> = new Map(
  CONTACT_COLUMNS.map((column) => [column.column, responseKeyText(column.key)]),
);

/** Each column's value as JSON text (`info` apart: it may be projected), written once. */
const COLUMN_JSON: ReadonlyMap<string, TrustedSql> = new Map(
  CONTACT_COLUMNS.filter((column) => column.column !== INFO_COLUMN).map((column) => {
    const json = trusted`to_json(${valueSql(column)})::text`;
    return [column.column, column.nullable ? trusted`coalesce(${json}, 'null')` : json];
  }),
);

/** A column's value as the response renders it (timestamps as ISO-8601 UTC with milliseconds); also the export's CSV cells. */
export function valueSql({ column, type }: DeclaredColumn): TrustedSql {
  const sql = columnSql(column);
  if (type.kind === "scalar" && type.scalar === "date-time") {
    return trusted`to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }
  return sql;
}

/** Paths as a tree of keys: `{a: {b: true}, c: true}` for `a.b` and `c`; `true` keeps the whole value. */
type PathTree = Map<string, PathTree | true>;

function pathTree(paths: readonly (readonly string[])[]): PathTree {
  const root: PathTree = new Map();
  for (const path of paths) {
    let node = root;
    path.forEach((key, i) => {
      const existing = node.get(key);
      if (existing === true) return; // an enclosing path keeps the whole value already
      if (i === path.length - 1) {
        node.set(key, true);
        return;
      }
      const child: PathTree = existing ?? new Map();
      node.set(key, child);
      node = child;
    });
  }
  return root;
}

/**
 * Writes the projection of the jsonb `doc` as a jsonb object: one `||`-merged
 * object per key, `'{}'` where the key is missing, so missing paths vanish.
 */
function writeProjected(w: SqlWriter, doc: TrustedSql, tree: PathTree): void {
  w.sql`(`;
  let first = true;
  for (const [key, child] of tree) {
    if (!first) w.sql` || `;
    first = false;
    const name = bind(key, "text");
    if (child === true) {
      w.sql`CASE WHEN ${doc} ? ${name} THEN jsonb_build_object(${name}, ${doc} -> ${name}) ELSE '{}'::jsonb END`;
      continue;
    }
    // Only an object can hold the paths below it; an empty projection is left out.
    w.sql`(SELECT CASE WHEN projected = '{}'::jsonb THEN '{}'::jsonb ELSE jsonb_build_object(${name}, projected) END`;
    w.sql` FROM (SELECT CASE WHEN jsonb_typeof(${doc} -> ${name}) = 'object' THEN `;
    writeProjected(w, trusted`(${doc} -> ${w.placeholderOf(key, "text")})`, child);
    w.sql` ELSE '{}'::jsonb END AS projected) AS part)`;
  }
  if (first) w.sql`'{}'::jsonb`;
  w.sql`)`;
}
