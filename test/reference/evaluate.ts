import { valueTypeOf } from "../../src/contact/types.ts";
import type { FilterNode, Literal, SortTerm } from "../../src/query/ast.ts";
import type { FieldRef } from "../../src/query/field-registry.ts";
import { timestampMicros } from "../../src/query/timestamp.ts";
import type { FixtureContact } from "../fixtures/contacts.ts";

/**
 * A reference implementation of the language's filter and sort semantics,
 * written from the language docs (docs/query-language.md) in plain TypeScript
 * over contact objects. The differential test requires Postgres to agree with it.
 */
type Scope = { contact: FixtureContact; element?: unknown };

/** The raw value at a field: undefined when missing. */
function rawValue(field: FieldRef, scope: Scope): unknown {
  const location = field.location;
  // Fixture rows are keyed by column name, as the registry names column fields.
  if (location.kind === "column") return scope.contact[location.column as keyof FixtureContact];
  let current: unknown = location.scope === "info" ? scope.contact.info : scope.element;
  for (const segment of location.path) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

type Typed =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "timestamp"; value: number };

/** The value as the field's scalar type; undefined when null, missing or of another type. */
function typedValue(field: FieldRef, scope: Scope): Typed | undefined {
  if (field.type.kind !== "scalar") return undefined;
  const raw = rawValue(field, scope);
  switch (valueTypeOf(field.type.scalar)) {
    case "string":
      return typeof raw === "string" ? { kind: "string", value: raw } : undefined;
    case "number":
      return typeof raw === "number" ? { kind: "number", value: raw } : undefined;
    case "boolean":
      return typeof raw === "boolean" ? { kind: "boolean", value: raw } : undefined;
    case "timestamp": {
      const micros = typeof raw === "string" ? timestampMicros(raw) : undefined;
      return micros === undefined ? undefined : { kind: "timestamp", value: micros };
    }
  }
}

function literalValue(literal: Literal): number | string | boolean {
  if (literal.type === "timestamp") return timestampMicros(literal.value) as number;
  return literal.value;
}

/** Code-point order (JS `<` on strings compares UTF-16 units, which differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

function compareValues(a: number | string | boolean, b: number | string | boolean): number {
  if (typeof a === "string" && typeof b === "string") return compareCodePoints(a, b);
  return Number(a) - Number(b);
}

function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = "";
  const chars = [...(caseInsensitive ? pattern.toLowerCase() : pattern)];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    if (char === "\\") {
      i += 1;
      source += escapeRegExp(chars[i] ?? "");
    } else if (char === "%") source += "[\\s\\S]*";
    else if (char === "_") source += "[\\s\\S]";
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, "su");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

export function matches(filter: FilterNode, scope: Scope): boolean {
  return (SEMANTICS[filter.op] as Semantics<FilterNode>)(filter, scope);
}

type Semantics<N extends FilterNode> = (node: N, scope: Scope) => boolean;
type NodeOf<K extends FilterNode["op"]> = FilterNode extends infer N
  ? N extends { op: infer O }
    ? K extends O
      ? N
      : never
    : never
  : never;

function compareWith(node: { field: FieldRef }, scope: Scope, literal: Literal, test: (difference: number) => boolean) {
  const value = typedValue(node.field, scope);
  return value !== undefined && test(compareValues(value.value, literalValue(literal)));
}

const COMPARISONS = {
  "=": (difference: number) => difference === 0,
  "<": (difference: number) => difference < 0,
  "<=": (difference: number) => difference <= 0,
  ">": (difference: number) => difference > 0,
  ">=": (difference: number) => difference >= 0,
};

/** The meaning of each kind of AST node, from the language's rules, in plain TypeScript. */
const SEMANTICS: { readonly [K in FilterNode["op"]]: Semantics<NodeOf<K>> } = {
  and: (node, scope) => node.args.every((arg) => matches(arg, scope)),
  or: (node, scope) => node.args.some((arg) => matches(arg, scope)),
  not: (node, scope) => !matches(node.arg, scope),
  compare: (node, scope) => compareWith(node, scope, node.value, COMPARISONS[node.cmp]),
  between: (node, scope) =>
    compareWith(node, scope, node.low, (difference) => difference >= 0) &&
    compareWith(node, scope, node.high, (difference) => difference <= 0),
  in: (node, scope) => node.values.some((literal) => compareWith(node, scope, literal, COMPARISONS["="])),
  like: (node, scope) => {
    const value = typedValue(node.field, scope);
    if (!value || value.kind !== "string") return false;
    const text = node.caseInsensitive ? value.value.toLowerCase() : value.value;
    return likeToRegExp(node.pattern, node.caseInsensitive).test(text);
  },
  "is-null": (node, scope) => {
    const raw = rawValue(node.field, scope);
    return raw === undefined || raw === null;
  },
  has: (node, scope) => {
    const raw = rawValue(node.field, scope);
    if (!Array.isArray(raw)) return false;
    const present = (value: string) => raw.some((element) => element === value);
    return node.mode === "all" ? node.values.every(present) : node.values.some(present);
  },
  any: (node, scope) => {
    const raw = rawValue(node.field, scope);
    if (!Array.isArray(raw)) return false;
    return raw.some((element) => matches(node.filter, { contact: scope.contact, element }));
  },
  search: (node, scope) => everyWordAPrefix(node.words, scope.contact),
};

/**
 * Search, from the language docs ("Search"): the searchable fields' string
 * values, each by its first 4,096 characters; a text's words are the runs of
 * letters and digits of its folded form (each character lower-cased on its
 * own, as `lower()` does, then NFD, then U+0300–U+036F removed), each by its
 * first 500 characters. A contact matches when every search word is a prefix
 * of one of its words.
 */
const SEARCHABLE_PATHS = [
  ["name"],
  ["email_address"],
  ["info", "companyName"],
  ...["firstName", "lastName", "name", "email", "companyName", "companyDomain", "jobTitle"].map((key) => [
    "info",
    "enrichedContactInfo",
    key,
  ]),
];

export function referenceWords(text: string): string[] {
  const folded = Array.from(text, (character) => character.toLowerCase())
    .join("")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => Array.from(word).slice(0, 500).join(""));
}

function contactWords(contact: FixtureContact): string[] {
  return SEARCHABLE_PATHS.flatMap((path) => {
    let value: unknown = contact;
    for (const key of path) {
      value =
        value !== null && typeof value === "object" && !Array.isArray(value)
          ? (value as Record<string, unknown>)[key]
          : undefined;
    }
    return typeof value === "string" ? referenceWords(Array.from(value).slice(0, 4096).join("")) : [];
  });
}

function everyWordAPrefix(words: readonly string[], contact: FixtureContact): boolean {
  const own = contactWords(contact);
  return words.every((word) => own.some((candidate) => candidate.startsWith(word)));
}

/** Whether the contact matches the search text `text` (folded here, by the rules above). */
export function matchesSearchText(contact: FixtureContact, text: string): boolean {
  return everyWordAPrefix(referenceWords(text), contact);
}

/** The documented sort order: typed values, nulls/missing/wrong-typed last both ways, then id ascending. */
export function compareContacts(keys: readonly SortTerm[]) {
  return (a: FixtureContact, b: FixtureContact): number => {
    for (const key of keys) {
      const left = typedValue(key.field, { contact: a });
      const right = typedValue(key.field, { contact: b });
      if (!left && !right) continue;
      if (!left) return 1;
      if (!right) return -1;
      const difference = compareValues(left.value, right.value);
      if (difference !== 0) return key.direction === "asc" ? difference : -difference;
    }
    return compareCodePoints(a.id, b.id);
  };
}

export function referenceQuery(
  contacts: readonly FixtureContact[],
  organizationId: string,
  filter: FilterNode | null,
  sort: readonly SortTerm[],
) {
  const matching = contacts.filter(
    (contact) => contact.organization_id === organizationId && (filter === null || matches(filter, { contact })),
  );
  return matching.sort(compareContacts(sort));
}
