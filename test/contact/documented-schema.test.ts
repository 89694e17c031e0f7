import { describe, expect, it } from "vitest";
import { FIELDS } from "../../sdk/src/index.ts";
import { ORG_ALPHA } from "../fixtures/contacts.ts";
import {
  DOCUMENTED_COLUMNS,
  DOCUMENTED_FIELDS,
  type DocumentedField,
  PARTNER_ENUM,
  STATUS_ENUM,
} from "../fixtures/documented-schema.ts";
import { keyFor, request } from "../support/http.ts";

/**
 * The documented contact, transcribed once by hand (test/fixtures/documented-schema.ts),
 * against everything the service derives from its own declaration: `/fields`,
 * the OpenAPI `Contact` schema and the typed client's field list must each
 * name exactly the documented paths, with the documented types — none
 * missing, none added.
 */
type Listing = Map<string, string>;

const documented: Listing = new Map(DOCUMENTED_FIELDS.map((field) => [field.path, field.type]));
const byPath = new Map<string, DocumentedField>(DOCUMENTED_FIELDS.map((field) => [field.path, field]));

/** Map fields show an example key (`pipeline.USD`); the documentation lists the map alone. */
function withoutMapKeys(listing: Listing): Listing {
  const maps = [...listing].filter(([, type]) => type.startsWith("map<")).map(([path]) => `${path}.`);
  return new Map([...listing].filter(([path]) => !maps.some((prefix) => path.startsWith(prefix))));
}

interface CatalogField {
  name: string;
  alias?: string;
  type: string;
  description?: string;
  enum?: string[];
  nullable?: boolean;
  elementFields?: CatalogField[];
}

function flattenCatalog(fields: readonly CatalogField[], prefix = ""): [string, CatalogField][] {
  return fields.flatMap((field): [string, CatalogField][] => [
    [prefix + field.name, field],
    ...flattenCatalog(field.elementFields ?? [], `${prefix}${field.name}[].`),
  ]);
}

// --- The OpenAPI document's schemas, read back into documented type names ----

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  /** `info` holds values as stored: its paths say their documented type, values and nullability in these. */
  "x-documented-type"?: string;
  "x-documented-values"?: unknown[];
  "x-documented-nullable"?: boolean;
};

function resolve(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  if (schema.$ref) return resolve(components[schema.$ref.split("/").at(-1) as string] as JsonSchema, components);
  // A nullable schema is `anyOf: [schema, {type: "null"}]` or a type list with "null".
  const options = schema.anyOf?.filter((option) => option.type !== "null");
  if (options?.length === 1) return resolve(options[0] as JsonSchema, components);
  return schema;
}

function isNullable(schema: JsonSchema): boolean {
  if (schema["x-documented-type"]) return schema["x-documented-nullable"] === true;
  return (
    (Array.isArray(schema.type) && schema.type.includes("null")) ||
    (schema.anyOf ?? []).some((option) => option.type === "null")
  );
}

function typeName(schema: JsonSchema, components: Record<string, JsonSchema>): string {
  if (schema["x-documented-type"]) return schema["x-documented-type"];
  const type = Array.isArray(schema.type) ? schema.type.find((name) => name !== "null") : schema.type;
  if (schema.enum && !type) return "string";
  switch (type) {
    case "string":
      return schema.format === "date" || schema.format === "date-time" ? schema.format : "string";
    case "array": {
      const items = resolve(schema.items ?? {}, components);
      return items.type === "object" ? "object[]" : `${typeName(items, components)}[]`;
    }
    case "object":
      return schema.propertyNames || (typeof schema.additionalProperties === "object" && !schema.properties)
        ? `map<currency, ${typeName(resolve(schema.additionalProperties as JsonSchema, components), components)}>`
        : "object";
    default:
      return String(type);
  }
}

function schemaPaths(
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  prefix: string,
  out: Map<string, JsonSchema>,
): void {
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const property = resolve(raw, components);
    const path = prefix + key;
    out.set(path, raw);
    if (property.properties) schemaPaths(property, components, `${path}.`, out);
    const items = property.items && resolve(property.items, components);
    if (items?.properties) schemaPaths(items, components, `${path}[].`, out);
  }
}

describe("the documented contact schema", () => {
  it("GET /fields lists exactly the documented fields, with their types, aliases and enums", async () => {
    const response = await request(`/org/${ORG_ALPHA}/contact/fields`, {
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
    });
    const { fields } = (await response.json()) as { fields: CatalogField[] };
    const listed = flattenCatalog(fields);
    expect(withoutMapKeys(new Map(listed.map(([path, field]) => [path, field.type])))).toEqual(documented);
    for (const [path, field] of listed) {
      const reference = byPath.get(path);
      if (!reference) continue; // a map's example key
      expect(field.alias, path).toBe(reference.alias);
      expect(field.nullable ?? false, path).toBe(reference.nullable ?? false);
      expect(field.description, `${path} has a description`).toMatch(/\w/);
    }
    const catalog = new Map(listed);
    expect(catalog.get("info.partner")?.enum).toEqual([...PARTNER_ENUM]);
    expect(catalog.get("info.enrichedContactInfo.status")?.enum).toEqual([...STATUS_ENUM]);
    expect(catalog.get("info.cosellPartnerMetrics.pipeline.USD")?.type).toBe("number");
  });

  it("the OpenAPI Contact schema describes exactly the documented keys and paths", async () => {
    const document = (await (await request("/openapi.json")).json()) as {
      components: { schemas: Record<string, JsonSchema> };
    };
    const components = document.components.schemas;
    const contact = resolve(components.Contact as JsonSchema, components);
    const paths = new Map<string, JsonSchema>();
    schemaPaths(contact, components, "", paths);

    // Columns appear under their response keys; info paths under `info.`.
    const columnKey = (field: DocumentedField) => field.alias ?? field.path;
    const expected = new Map<string, string>([
      ...DOCUMENTED_COLUMNS.map((field): [string, string] => [columnKey(field), field.type]),
      ["info", "object"],
      ...[...documented].filter(([path]) => path.startsWith("info.")),
    ]);
    const described = new Map([...paths].map(([path, raw]) => [path, typeName(resolve(raw, components), components)]));
    expect(described).toEqual(expected);

    // Nullable columns are the nullable table columns; in `info`, the documented nullable paths.
    const nullableColumns = ["companyContactId", "emailAddress", "name"];
    for (const [path, raw] of paths) {
      const reference = byPath.get(path) ?? DOCUMENTED_COLUMNS.find((field) => columnKey(field) === path);
      const shouldBeNull = path.startsWith("info.") ? (reference?.nullable ?? false) : nullableColumns.includes(path);
      expect(isNullable(raw), `${path} nullable`).toBe(shouldBeNull);
    }
    const info = (path: string) => resolve(paths.get(path) as JsonSchema, components);
    expect(info("info.partner")["x-documented-values"]).toEqual([...PARTNER_ENUM]);
    expect(info("info.enrichedContactInfo.status")["x-documented-values"]).toEqual([...STATUS_ENUM]);
  });

  it("the SDK's field list names exactly the documented fields, types and enum values", () => {
    type Descriptor = { type: string; enum?: readonly string[]; element?: Record<string, Descriptor> };
    const flatten = (fields: Record<string, Descriptor>, prefix = ""): [string, Descriptor][] =>
      Object.entries(fields).flatMap(([name, field]): [string, Descriptor][] => [
        [prefix + name, field],
        ...flatten(field.element ?? {}, `${prefix}${name}[].`),
      ]);
    const aliases = new Set(DOCUMENTED_COLUMNS.flatMap((field) => (field.alias ? [field.alias] : [])));
    const listed = flatten(FIELDS as unknown as Record<string, Descriptor>).filter(([name]) => !aliases.has(name));
    expect(new Map(listed.map(([name, field]) => [name, field.type]))).toEqual(documented);
    for (const field of DOCUMENTED_COLUMNS) {
      if (field.alias) expect((FIELDS as Record<string, Descriptor>)[field.alias]?.type, field.alias).toBe(field.type);
    }
    const enums = new Map(listed.flatMap(([name, field]) => (field.enum ? [[name, [...field.enum]]] : [])));
    expect(enums).toEqual(
      new Map([
        ["info.partner", [...PARTNER_ENUM]],
        ["info.enrichedContactInfo.status", [...STATUS_ENUM]],
      ]),
    );
  });
});
