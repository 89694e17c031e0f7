import type { Params } from "./api/requests.ts";

/**
 * "Copy as curl" and "Copy as TypeScript": the request the view makes, for a
 * terminal or a program. The key is never written out: both read it from the
 * CONTACTS_API_KEY environment variable.
 */
const KEY_VARIABLE = "CONTACTS_API_KEY";

/** A POSIX shell word: single-quoted, with `'` written as `'\''`. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(origin: string, path: string, params: Params): string {
  const lines = [`curl --get ${shellQuote(`${origin}${path}`)}`, `-H "Authorization: Bearer $${KEY_VARIABLE}"`];
  for (const [name, value] of params) lines.push(`--data-urlencode ${shellQuote(`${name}=${value}`)}`);
  return lines.join(" \\\n  ");
}

/** The SDK's options object for a query: numbers as numbers, `fields` as a list. */
function queryOptions(params: Params): string {
  const entries = params
    .filter(([name]) => name !== "page_token")
    .map(([name, value]) => {
      if (name === "page_size") return `${name}: ${Number(value)}`;
      if (name === "fields") return `${name}: ${JSON.stringify(value.split(","))}`;
      return `${name}: ${tsString(value)}`;
    });
  return `{ ${entries.join(", ")} }`;
}

/** A TypeScript string literal: double-quoted, or single-quoted when that spares escapes (filters are full of `"`). */
function tsString(text: string): string {
  const plain = !text.includes("\\") && !/[\n\r\u2028\u2029]/.test(text);
  return plain && text.includes('"') && !text.includes("'") ? `'${text}'` : JSON.stringify(text);
}

export function typescriptSnippet(origin: string, org: string, params: Params): string {
  return [
    `import { ContactQueryClient } from "contact-query-sdk";`,
    "",
    "const client = new ContactQueryClient({",
    `  baseUrl: ${JSON.stringify(origin)},`,
    `  apiKey: process.env.${KEY_VARIABLE}!,`,
    `  organizationId: ${JSON.stringify(org)},`,
    "});",
    `const page = await client.query(${queryOptions(params)});`,
    "",
  ].join("\n");
}
