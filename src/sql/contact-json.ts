import { CONTACT_COLUMNS, type ContactColumn, INFO_COLUMN, isNullable } from "../contact/columns.ts";
import type { Projection } from "../query/ast.ts";
import { columnSql, INFO_SQL } from "./field-sql.ts";
import type { SqlWriter } from "./statement.ts";

/**
 * A contact as the response's JSON object, as text, rendered by Postgres from
 * the contact's declaration: its keys in declaration order, `null` for a null
 * column, `[]` for empty tags (the column is never null), timestamps as
 * ISO-8601 UTC with milliseconds, `info` exactly as stored.
 *
 * With a projection, only `id` and the projected keys; of `info`, the whole
 * document or the asked-for paths nested as in the document, a path missing
 * from the document left out (and an object left out when nothing under it is
 * present). Path keys are bound parameters.
 *
 * Written as one `concat` of each key and its value's JSON text: the columns
 * of a 1000-row page render in ~70% of the time `json_build_object` takes,
 * which looks up each argument's type on every call (docs/performance.md,
 * "Walks by token").
 */
export function writeContactJson(w: SqlWriter, projection?: Projection): void {
  const columns = projection
    ? CONTACT_COLUMNS.filter(({ key }) => key === "id" || projection.keys.includes(key))
    : CONTACT_COLUMNS;
  w.raw("concat(");
  columns.forEach((column, i) => {
    // The keys are the declaration's own identifiers, never a client's text.
    w.raw(`'${i > 0 ? "," : "{"}${JSON.stringify(column.key)}:', `);
    if (column.column !== INFO_COLUMN) {
      const json = `to_json(${valueSql(column)})::text`;
      w.raw(isNullable(column) ? `coalesce(${json}, 'null')` : json);
    } else if (projection?.infoPaths) {
      writeInfoPaths(w, projection.infoPaths);
      w.raw("::text");
    } else w.raw(`${INFO_SQL}::text`);
    w.raw(", ");
  });
  w.raw("'}')");
}

/** A column's value as the response renders it (timestamps as ISO-8601 UTC with milliseconds); also the export's CSV cells. */
export function valueSql({ column, type }: ContactColumn): string {
  if (type.kind === "scalar" && type.scalar === "date-time") {
    return `to_char(${columnSql(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }
  return columnSql(column);
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

function writeInfoPaths(w: SqlWriter, paths: readonly (readonly string[])[]): void {
  writeProjected(w, INFO_SQL, pathTree(paths));
}

/**
 * Writes the projection of the jsonb `doc` as a jsonb object: one `||`-merged
 * object per key, `'{}'` where the key is missing, so missing paths vanish.
 */
function writeProjected(w: SqlWriter, doc: string, tree: PathTree): void {
  w.raw("(");
  let first = true;
  for (const [key, child] of tree) {
    if (!first) w.raw(" || ");
    first = false;
    if (child === true) {
      w.raw(`CASE WHEN ${doc} ? `)
        .param(key, "text")
        .raw(" THEN jsonb_build_object(")
        .param(key, "text")
        .raw(`, ${doc} -> `)
        .param(key, "text")
        .raw(") ELSE '{}'::jsonb END");
      continue;
    }
    // Only an object can hold the paths below it; an empty projection is left out.
    w.raw(`(SELECT CASE WHEN projected = '{}'::jsonb THEN '{}'::jsonb ELSE jsonb_build_object(`)
      .param(key, "text")
      .raw(", projected) END FROM (SELECT CASE WHEN jsonb_typeof(")
      .raw(`${doc} -> `)
      .param(key, "text")
      .raw(") = 'object' THEN ");
    const inner = `(${doc} -> ${w.placeholderOf(key, "text")})`;
    writeProjected(w, inner, child);
    w.raw(" ELSE '{}'::jsonb END AS projected) AS part)");
  }
  if (first) w.raw("'{}'::jsonb");
  w.raw(")");
}
