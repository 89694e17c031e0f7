/**
 * @module A comma-separated list parameter (`facet=`, `stats=`, `histogram=`): its
 * items, trimmed, each with the column (1-based) where it starts, so a
 * mistake in one item is reported at its position. More than `max` items, or
 * an empty item, is a 400 naming the parameter.
 */
import { QueryError } from "./query-error.ts";

export interface ListItem {
  readonly text: string;
  readonly at: { readonly line: 1; readonly column: number };
}

export interface ListRules {
  readonly max: number;
  /** What the items are, in the plural: "fields". */
  readonly items: string;
  /** The message for an empty item: "empty field name". */
  readonly empty: string;
}

/**
 * The list's items, each parsed by `parse` (which throws `QueryError`), the
 * first of each key kept, in code-point order of the keys: the order of the
 * answer's keys, so every spelling and order of the same set is one request
 * (and one cache entry).
 */
export function parseList<T>(
  text: string,
  param: string,
  rules: ListRules,
  parse: (item: ListItem) => T,
  keyOf: (value: T) => string,
): T[] {
  const byKey = new Map<string, T>();
  for (const item of listItems(text, param, rules)) {
    const value = parse(item);
    const key = keyOf(value);
    if (!byKey.has(key)) byKey.set(key, value);
  }
  return [...byKey.values()].sort((a, b) => compareNames(keyOf(a), keyOf(b)));
}

function listItems(text: string, param: string, rules: ListRules): ListItem[] {
  const segments = text.split(",");
  if (segments.length > rules.max) {
    throw new QueryError(param, "limit", `at most ${rules.max} ${rules.items} are allowed, found ${segments.length}`);
  }
  const items: ListItem[] = [];
  let offset = 0;
  for (const segment of segments) {
    const at = { line: 1, column: offset + 1 + (segment.length - segment.trimStart().length) } as const;
    offset += segment.length + 1;
    const item = segment.trim();
    if (item === "") throw new QueryError(param, "syntax", rules.empty, at);
    items.push({ text: item, at });
  }
  return items;
}

/** Names are ASCII, so UTF-16 order is code-point order: the order of an answer's keys. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
