/**
 * @module The cursor's one wire shape: the sort values of a row as text (`null`
 * for a null, missing or wrong-typed value), then its id — `[...keys, id]`.
 * The statements return it as JSON text (`next_keys`), page tokens carry it,
 * and the canonical form of a keyset page holds it.
 */
import type { Cursor } from "./ast.ts";

/** `[...keys, id]`. */
export function cursorKeys(cursor: Cursor): (string | null)[] {
  return [...cursor.keys, cursor.id];
}

/** The cursor of `[...keys, id]`; undefined unless it is that shape with `sortTerms` keys. */
export function cursorOf(keys: unknown, sortTerms?: number): Cursor | undefined {
  if (!Array.isArray(keys) || keys.length === 0) return undefined;
  if (sortTerms !== undefined && keys.length !== sortTerms + 1) return undefined;
  const id = keys.at(-1);
  const values = keys.slice(0, -1);
  if (typeof id !== "string" || !values.every((key) => key === null || typeof key === "string")) return undefined;
  return { keys: values as (string | null)[], id };
}

/** The cursor a statement returned as `next_keys` (JSON text it wrote itself). */
export function cursorFromStatement(nextKeys: string): Cursor {
  const cursor = cursorOf(JSON.parse(nextKeys));
  if (!cursor) throw new Error("next_keys is not [...keys, id]");
  return cursor;
}
