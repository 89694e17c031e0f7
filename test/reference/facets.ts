import { valueTypeOf } from "../../src/contact/types.ts";
import type { FieldRef } from "../../src/query/field-registry.ts";
import type { FixtureContact } from "../fixtures/contacts.ts";
import { compareCodePoints } from "./evaluate.ts";

/**
 * The facets endpoint's counts, written from its documented rules (README,
 * "Facets"), not from the SQL:
 *
 * - a scalar field (string, integer, number, boolean) counts each contact once,
 *   under its value, or under `null` when the value is null, missing or of
 *   another JSON type than the field's;
 * - an array of strings counts each distinct string element once per contact;
 *   elements that are not strings are ignored, and a contact with no string
 *   element (array missing, empty, not an array, or only non-strings) counts
 *   once under `null`;
 * - values by count descending, then value ascending (strings by code point,
 *   numbers numerically, false before true), `null` last; at most `limit`.
 */
export type FacetValue = string | number | boolean | null;

export interface FacetEntry {
  value: FacetValue;
  count: number;
}

/** The field's value as stored: the column, or the JSON at the path (undefined when a key is missing). */
export function storedValue(field: FieldRef, contact: FixtureContact): unknown {
  const location = field.location;
  if (location.kind === "column") return contact[location.column as keyof FixtureContact];
  let current: unknown = contact.info;
  for (const key of location.path) {
    if (current === null || typeof current !== "object" || Array.isArray(current) || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The values a contact counts under for a field (at least one: `null` when it has none). */
function valuesOf(field: FieldRef, contact: FixtureContact): FacetValue[] {
  const value = storedValue(field, contact);
  if (field.type.kind === "string-array") {
    const strings = Array.isArray(value) ? value.filter((element) => typeof element === "string") : [];
    return strings.length === 0 ? [null] : [...new Set(strings)];
  }
  if (field.type.kind !== "scalar") throw new Error(`'${field.name}' is not facetable`);
  const type = valueTypeOf(field.type.scalar);
  return [typeof value === type ? (value as FacetValue) : null];
}

function compareValues(a: FacetValue, b: FacetValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "string" && typeof b === "string") return compareCodePoints(a, b);
  return Number(a) - Number(b);
}

export function referenceFacet(contacts: readonly FixtureContact[], field: FieldRef, limit: number): FacetEntry[] {
  const counts = new Map<FacetValue, number>();
  for (const contact of contacts) {
    for (const value of valuesOf(field, contact)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compareValues(a.value, b.value))
    .slice(0, limit);
}
