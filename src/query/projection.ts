/**
 * @module `fields=`: which keys each contact in the answer holds. Comma-separated
 * field names — columns by their filter name or response key, `info` for the
 * whole document, or `info.<path>` — at most `LIMITS.maxFields`; `id` is
 * always there. An unknown name is a 400 with a suggestion and its position.
 */
import { CONTACT_COLUMNS, INFO_COLUMN } from "../contact/columns.ts";
import type { Projection } from "./ast.ts";
import { CONTACT_SCOPE, resolveField, suggestField } from "./field-registry.ts";
import { LIMITS } from "./limits.ts";
import { QueryError, unknownField } from "./query-error.ts";
import { closestByWords } from "./suggest.ts";

const INFO = INFO_COLUMN;
const KEY_OF_COLUMN = new Map<string, string>(CONTACT_COLUMNS.map(({ key, column }) => [column, key]));

export function parseProjection(text: string, param = "fields"): Projection {
  const names: string[] = [];
  const keys = new Set<string>(["id"]);
  const infoPaths: string[][] = [];
  let wholeInfo = false;
  let offset = 0;
  const segments = text.split(",");
  if (segments.length > LIMITS.maxFields) {
    throw new QueryError(param, "limit", `at most ${LIMITS.maxFields} fields are allowed, found ${segments.length}`);
  }
  for (const segment of segments) {
    const at = { line: 1, column: offset + 1 + (segment.length - segment.trimStart().length) };
    offset += segment.length + 1;
    const name = segment.trim();
    if (name === "") throw new QueryError(param, "syntax", "empty field name", at);
    const canonical = canonicalName(name, param, at);
    if (!names.includes(canonical)) names.push(canonical);
    if (canonical === INFO) {
      wholeInfo = true;
      keys.add(INFO);
      continue;
    }
    const field = resolveField(canonical, CONTACT_SCOPE);
    if (field?.location.kind === "json") {
      infoPaths.push([...field.location.path]);
      keys.add(INFO);
    } else {
      keys.add(KEY_OF_COLUMN.get(canonical) as string);
    }
  }
  const ordered = CONTACT_COLUMNS.map(({ key }) => key).filter((key) => keys.has(key));
  return wholeInfo || infoPaths.length === 0 ? { keys: ordered, names } : { keys: ordered, infoPaths, names };
}

/** The canonical name of a projectable field: a column's name, `info`, or an `info.<path>` of the registry. */
function canonicalName(name: string, param: string, at: { line: number; column: number }): string {
  if (name === INFO) return INFO;
  const field = resolveField(name, CONTACT_SCOPE);
  if (field) return field.name;
  // `info` alone is a projection of its own (the whole document).
  const suggestion = closestByWords(name, [INFO]) ?? suggestField(name, CONTACT_SCOPE);
  throw unknownField(param, name, suggestion, at);
}

/** The projection's part of the canonical query: the same set of fields, however spelled or ordered. */
export function canonicalProjection(projection: Projection): string[] {
  return [...projection.names].sort();
}
