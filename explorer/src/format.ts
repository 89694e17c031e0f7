import type { Contact, FieldInfo } from "./api/types.ts";

/** How the page writes numbers, counts and the values of a contact's fields. */
const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export function formatNumber(value: number): string {
  return NUMBER.format(value);
}

/** "1,234 contacts", or "about 12,000 contacts (estimated)" when the count is not exact. */
export function formatTotal(total: number | null, exact: boolean): string {
  if (total === null) return "count not computed";
  const noun = total === 1 ? "contact" : "contacts";
  return exact ? `${formatNumber(total)} ${noun}` : `about ${formatNumber(total)} ${noun} (estimated)`;
}

/**
 * A field's value in a contact as the API returns it: a column under its
 * response key (`email_address` → `emailAddress`), an `info` path nested
 * in the document.
 */
export function fieldValue(contact: Contact, field: string, info: FieldInfo | undefined): unknown {
  if (info?.alias !== undefined && info.alias in contact) return contact[info.alias];
  if (field in contact) return contact[field];
  let value: unknown = contact;
  for (const segment of field.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

export type Cell = { kind: "empty" } | { kind: "text"; text: string } | { kind: "chips"; items: string[] };

export function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return { kind: "empty" };
  if (typeof value === "number") return { kind: "text", text: formatNumber(value) };
  if (typeof value === "string" || typeof value === "boolean") return { kind: "text", text: String(value) };
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === "string")) return { kind: "chips", items: value as string[] };
    return { kind: "text", text: `${value.length} item${value.length === 1 ? "" : "s"}` };
  }
  const text = JSON.stringify(value);
  return { kind: "text", text: text.length > 80 ? `${text.slice(0, 79)}…` : text };
}

/** A facet value as shown: `null` is "no value", an empty string is written as `""`. */
export function facetLabel(value: string | number | boolean | null): string {
  if (value === null) return "(no value)";
  if (value === "") return '""';
  return typeof value === "number" ? formatNumber(value) : String(value);
}
