/**
 * @module A search (src/query/search.ts) as SQL: the contact's searchable
 * words, as the index holds them, against a prefix query of the search words:
 *
 * ```sql
 * (contact_search_vector("contacts"."name", "contacts"."email_address", "contacts"."info") @@ $n::tsquery)
 * ```
 *
 * with `$n` = `'ada':* & 'lov':*`: every word a prefix of some lexeme. The
 * expression is the one the GIN index `contacts_org_search_idx` holds
 * (src/db/schema.ts), so the planner answers it from the index; the lexemes
 * are the words exactly (no text-search parser or dictionary is involved).
 * The query text is bound as a parameter, never spliced.
 */
import { SEARCH_VECTOR_FUNCTION } from "../db/indexes.ts";
import type { SearchNode } from "../query/ast.ts";
import { columnSql, INFO } from "./fields.ts";
import type { SqlWriter, TrustedSql } from "./writer.ts";

/** The indexed expression. The function's name is a constant of the service's own (src/db/indexes.ts). */
const SEARCH_VECTOR =
  `${SEARCH_VECTOR_FUNCTION}(${columnSql("name")}, ${columnSql("email_address")}, ${INFO})` as TrustedSql;

export function writeSearch(w: SqlWriter, node: SearchNode): void {
  w.sql`(${SEARCH_VECTOR} @@ `.param(prefixQuery(node.words), "tsquery").sql`)`;
}

/**
 * `'w1':* & 'w2':*`. Words are letters and digits only, but a quote or a
 * backslash would still be escaped as tsquery's input syntax wants.
 */
export function prefixQuery(words: readonly string[]): string {
  return words.map((word) => `'${word.replaceAll("\\", "\\\\").replaceAll("'", "''")}':*`).join(" & ");
}
