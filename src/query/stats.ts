/**
 * @module `stats=`: the fields the facets endpoint summarizes (count, min, max, sum,
 * avg) over the matching contacts. Comma-separated names, at most
 * `MAX_STATS_FIELDS`. Stats and histograms (histograms.ts) take the same
 * fields: integer, number, date and date-time fields of the contact itself —
 * the timestamp columns and `info` paths, map values included
 * (`info.cosellPartnerMetrics.pipeline.USD`), but not the fields of the
 * elements of an array of objects (a contact holds any number of those).
 */
import { describeType, valueTypeOf } from "../contact/types.ts";
import { CONTACT_SCOPE, type FieldRef, knownFieldNames, resolveField, throughObjectArray } from "./field-registry.ts";
import { type ListItem, parseList } from "./name-list.ts";
import { QueryError, unknownField } from "./query-error.ts";
import { closestName } from "./suggest.ts";

export const MAX_STATS_FIELDS = 5;

/** Decimal places of a number field's `avg` (`sum / count`, rounded half away from zero). */
export const AVG_DECIMALS = 12;

/** How a measured field's values are read: numbers, or instants (dates and date-times). */
export type MeasureKind = "number" | "timestamp";

export interface MeasuredField {
  /** The field, under its canonical name (its key in the answer). */
  readonly field: FieldRef;
  readonly kind: MeasureKind;
}

/** The measure kind of a field, or undefined when stats and histograms do not take it. */
function measureKindOf(field: FieldRef): MeasureKind | undefined {
  if (field.type.kind !== "scalar") return undefined;
  const value = valueTypeOf(field.type.scalar);
  return value === "number" || value === "timestamp" ? value : undefined;
}

/** Every name `stats=` and `histogram=` accept (aliases included, maps with their example key): for hints and docs. */
export function measurableNames(): string[] {
  return knownFieldNames(CONTACT_SCOPE).filter((name) => {
    const field = resolveField(name, CONTACT_SCOPE);
    return field !== undefined && measureKindOf(field) !== undefined;
  });
}

let measurable: string[] | undefined;

const TAKES = "integer, number, date and date-time fields";

/**
 * Resolves one name of `stats=` or `histogram=` (`name` as written, at `at`):
 * an unknown name gets the closest measurable name as a hint; a field of the
 * elements of an array of objects, or a field of another type, is a 400 that
 * says which fields are taken.
 */
export function resolveMeasuredField(name: string, param: string, at: ListItem["at"]): MeasuredField {
  const field = resolveField(name, CONTACT_SCOPE);
  if (!field) {
    const array = throughObjectArray(name, CONTACT_SCOPE)?.array;
    if (array) {
      throw new QueryError(
        param,
        "type",
        `'${name}' is a field of the elements of '${array}' (object[]); ${param} takes ${TAKES} of the contact itself`,
        at,
      );
    }
    measurable ??= measurableNames();
    throw unknownField(param, name, closestName(name, measurable), at);
  }
  const kind = measureKindOf(field);
  if (!kind) {
    throw new QueryError(
      param,
      "type",
      `field '${name}' is of type ${describeType(field.type)}; ${param} takes ${TAKES}`,
      at,
    );
  }
  return { field, kind };
}

/**
 * Parses `stats=` text into its fields, canonical, without duplicates, in
 * code-point order of their names (the order of the answer's keys, so every
 * spelling and order of the same set is one request and one cache entry).
 * Throws `QueryError` (a 400).
 */
export function parseStatsFields(text: string, param = "stats"): MeasuredField[] {
  return parseList(
    text,
    param,
    { max: MAX_STATS_FIELDS, items: "fields", empty: "empty field name" },
    ({ text: name, at }) => resolveMeasuredField(name, param, at),
    (measured) => measured.field.name,
  );
}
