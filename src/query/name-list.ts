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

export function listItems(text: string, param: string, rules: ListRules): ListItem[] {
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
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
