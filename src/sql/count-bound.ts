/**
 * @module For `count=estimated`: a filter on columns only that implies the given
 * filter, so that counting its matches (index entries and heap tuples, no
 * `info` document read) gives a lower bound of the filter's count. When that
 * bound alone passes the exact-count bound, the filter's own bounded count —
 * which must read and check a document per match — is not needed: more rows
 * match than the bound, certainly.
 *
 * `true` means every row of the organization (an empty filter), `false` that
 * no column-only filter implies it (e.g. an `and` with a JSON conjunct).
 * Built from the filter's tree by two approximations in the language's
 * two-valued logic (a leaf that is NULL counts as false, `not` complements
 * exactly), with every leaf on a column kept as is:
 *
 * - `below(f)` implies `f`: a leaf on `info` is `false`; `and` keeps its
 *   conjuncts (any `false` makes it `false`); `or` keeps the branches that
 *   are not `false`; `not x` is the complement of `above(x)`.
 * - `above(f)` is implied by `f`: a leaf on `info` is `true`; dually.
 *
 * Hence `below(f)` ⇒ `f` for every row, whatever its document holds.
 */
import type { FilterNode } from "../query/ast.ts";

export type Approximation = FilterNode | boolean;

export function columnsImplying(filter: FilterNode): Approximation {
  return below(filter);
}

/** Whether any leaf of the filter reads `info` (or an element of one of its arrays). */
export function readsInfo(filter: FilterNode): boolean {
  switch (filter.op) {
    case "and":
    case "or":
      return filter.args.some(readsInfo);
    case "not":
      return readsInfo(filter.arg);
    case "any":
    case "search": // name, email_address and info
      return true;
    default:
      return filter.field.location.kind !== "column";
  }
}

function below(filter: FilterNode): Approximation {
  switch (filter.op) {
    case "and":
      return conjunction(filter.args.map(below));
    case "or":
      return disjunction(filter.args.map(below));
    case "not":
      return complement(above(filter.arg));
    default:
      return readsInfo(filter) ? false : filter;
  }
}

function above(filter: FilterNode): Approximation {
  switch (filter.op) {
    case "and":
      return conjunction(filter.args.map(above));
    case "or":
      return disjunction(filter.args.map(above));
    case "not":
      return complement(below(filter.arg));
    default:
      return readsInfo(filter) ? true : filter;
  }
}

function conjunction(parts: Approximation[]): Approximation {
  if (parts.includes(false)) return false;
  const args = parts.filter((part): part is FilterNode => part !== true);
  if (args.length === 0) return true;
  return args.length === 1 ? (args[0] as FilterNode) : { op: "and", args };
}

function disjunction(parts: Approximation[]): Approximation {
  if (parts.includes(true)) return true;
  const args = parts.filter((part): part is FilterNode => part !== false);
  if (args.length === 0) return false;
  return args.length === 1 ? (args[0] as FilterNode) : { op: "or", args };
}

function complement(part: Approximation): Approximation {
  return typeof part === "boolean" ? !part : { op: "not", arg: part };
}
