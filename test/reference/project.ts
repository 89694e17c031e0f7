import type { FixtureContact } from "../fixtures/contacts.ts";

/**
 * The reference of a contact in a response, and of its projections, written
 * from the API's documented rules over a fixture row: every key present, the
 * timestamps in UTC with milliseconds, `info` as stored; a projection keeps
 * `id` and the named keys, and of `info` the named paths nested as in the
 * document, a missing path (or an object with nothing asked-for under it)
 * left out.
 */
/** Response keys of the columns, by either of their names. */
export const COLUMN_KEYS: Record<string, string> = {
  company_contact_id: "companyContactId",
  companyContactId: "companyContactId",
  creation_time: "creationTime",
  creationTime: "creationTime",
  email_address: "emailAddress",
  emailAddress: "emailAddress",
  id: "id",
  last_update_time: "lastUpdateTime",
  lastUpdateTime: "lastUpdateTime",
  name: "name",
  organization_id: "organizationID",
  organizationID: "organizationID",
  tags: "tags",
};

const millis = (iso: string) => new Date(iso).toISOString();

export function responseContact(row: FixtureContact): Record<string, unknown> {
  return {
    companyContactId: row.company_contact_id,
    creationTime: millis(row.creation_time),
    emailAddress: row.email_address,
    id: row.id,
    info: row.info,
    lastUpdateTime: millis(row.last_update_time),
    name: row.name,
    organizationID: row.organization_id,
    tags: row.tags,
  };
}

type Json = Record<string, unknown>;

export function projectContact(row: FixtureContact, names: readonly string[]): Json {
  const full = responseContact(row);
  const out: Json = { id: full.id };
  const paths: string[][] = [];
  for (const name of names) {
    if (name === "info") out.info = full.info;
    else if (name.startsWith("info.")) paths.push(name.slice("info.".length).split("."));
    else out[COLUMN_KEYS[name] as string] = full[COLUMN_KEYS[name] as string];
  }
  if (out.info === undefined && paths.length > 0) out.info = projectPaths(row.info, paths);
  return out;
}

/** The value at `path` in a JSON document (object keys only), undefined when a key on the way is missing. */
export function valueAt(document: unknown, path: readonly string[]): unknown {
  let current = document;
  for (const key of path) {
    if (current === null || typeof current !== "object" || Array.isArray(current) || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Json)[key];
  }
  return current;
}

function projectPaths(document: unknown, paths: readonly string[][]): Json {
  const out: Json = {};
  for (const path of paths) {
    const source = valueAt(document, path);
    if (source === undefined) continue;
    let target = out;
    path.forEach((key, i) => {
      if (i === path.length - 1) target[key] = source;
      else {
        const next = (target[key] ?? {}) as Json;
        target[key] = next;
        target = next;
      }
    });
  }
  return out;
}
