import type { Syntax } from "../state/view-state.ts";
import { tokenize } from "./filter-context.ts";

/**
 * The filter a facet click makes: the current filter and "this field has this
 * value", joined by `and` (added to a top-level `and` rather than nesting
 * one more). `null` counts contacts without a value: `is-null`.
 */
export function facetClause(
  field: string,
  isArray: boolean,
  value: string | number | boolean | null,
  syntax: Syntax,
): string {
  const operator = value === null ? "is-null" : isArray ? "has" : "=";
  const args = value === null ? [] : [JSON.stringify(value)];
  return syntax === "lisp"
    ? `(${[operator, field, ...args].join(" ")})`
    : `[${[operator, field]
        .map((word) => JSON.stringify(word))
        .concat(args)
        .join(", ")}]`;
}

export function addClause(filter: string, clause: string, syntax: Syntax): string {
  const text = filter.trim();
  if (text === "") return clause;
  if (text === clause) return text;
  const separator = syntax === "lisp" ? " " : ", ";
  if (isTopLevelAnd(text, syntax)) return `${text.slice(0, -1).trimEnd()}${separator}${clause}${text.slice(-1)}`;
  return syntax === "lisp" ? `(and ${text} ${clause})` : `["and", ${text}, ${clause}]`;
}

/** `(and …)` / `["and", …]` as the whole text (its first bracket closes at the very end). */
function isTopLevelAnd(text: string, syntax: Syntax): boolean {
  const tokens = tokenize(text, syntax);
  const [first, second] = tokens;
  if (first?.kind !== "open" || second?.kind !== "atom" || second.value.toLowerCase() !== "and") return false;
  let depth = 0;
  for (const [index, token] of tokens.entries()) {
    if (token.kind === "open") depth += 1;
    else if (token.kind === "close") {
      depth -= 1;
      if (depth === 0) return index === tokens.length - 1 && token.to === text.length;
    }
  }
  return false;
}
