import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { SEARCH_QUERY_FUNCTION, SEARCH_VECTOR_FUNCTION } from "../../src/db/indexes.ts";
import { CONTACT_SCOPE, resolveField } from "../../src/query/field-registry.ts";
import { foldText, SEARCH_TEXT, SEARCHABLE_FIELDS } from "../../src/query/search.ts";
import { runMain, UsageError } from "../cli.ts";

/**
 * `tsx scripts/generate/search-sql.ts [--database URL ...]`: prints the SQL of the
 * functions of a search (the body of a migration): the one the search index is
 * built on and the one that writes a search's query. Computed
 * from the language's definition of words (src/query/search.ts) in this
 * runtime's Unicode:
 *
 * - the searchable fields, each as a string value or NULL;
 * - the word characters (`\p{L}`, `\p{N}`) as an explicit class of ranges:
 *   Postgres' `[[:alnum:]]` depends on the locale and differs from them for
 *   thousands of characters (superscript digits, most of the letters of recent
 *   scripts);
 * - the characters whose folding `lower()` and `normalize()` of the databases
 *   checked here (embedded PGlite, and each `--database`) do not know — case
 *   pairs and decompositions of characters encoded after the Unicode version
 *   of their tables — replaced by their folded form before `lower()` runs.
 *
 * Everything else is Postgres' own `lower()` (one character at a time, the
 * database's libc UTF-8 locale) and `normalize(…, NFD)`.
 * test/sql/search-words.test.ts checks the result against the runtime on every
 * code point; when a runtime's Unicode moves on, it fails, and this script
 * writes the function of a new migration.
 */
const USAGE = "usage: tsx scripts/generate/search-sql.ts [--database postgresql://…]...";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { database: { type: "string", multiple: true, default: [] } } });
  const unknown = new Map<number, string>();
  const pglite = await PGlite.create();
  for (const [codePoint, folded] of await disagreements((sql) => pglite.query<FoldRow>(sql).then((r) => r.rows))) {
    unknown.set(codePoint, folded);
  }
  await pglite.close();
  for (const url of values.database ?? []) {
    if (!url.startsWith("postgres")) throw new UsageError(USAGE);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const [codePoint, folded] of await disagreements((sql) => client.query<FoldRow>(sql).then((r) => r.rows))) {
        unknown.set(codePoint, folded);
      }
    } finally {
      await client.end();
    }
  }
  console.log(searchSql(new Map([...unknown].sort(([a], [b]) => a - b))));
  return 0;
}

interface FoldRow {
  code_point: number;
  folded: string;
}

/** Every code point but the surrogates and NUL (which a Postgres text cannot hold). */
function* codePoints(): Generator<number> {
  for (let codePoint = 1; codePoint <= 0x10ffff; codePoint++) {
    if (codePoint < 0xd800 || codePoint > 0xdfff) yield codePoint;
  }
}

/** The code points a database folds otherwise than this runtime, with the runtime's folding. */
async function disagreements(run: (sql: string) => Promise<FoldRow[]>): Promise<Map<number, string>> {
  const rows = await run(
    "SELECT i AS code_point, encode(convert_to(regexp_replace(normalize(lower(chr(i)), NFD), '[\\u0300-\\u036F]+', '', 'g'), 'UTF8'), 'hex') AS folded " +
      "FROM generate_series(1, 1114111) AS i WHERE i NOT BETWEEN 55296 AND 57343",
  );
  // As hex: a text decoder would drop a leading U+FEFF (a byte-order mark) from the answer.
  const database = new Map(
    rows.map((row) => [Number(row.code_point), Buffer.from(row.folded, "hex").toString("utf8")]),
  );
  const out = new Map<number, string>();
  for (const codePoint of codePoints()) {
    const folded = foldText(String.fromCodePoint(codePoint));
    if (database.get(codePoint) !== folded) out.set(codePoint, folded);
  }
  return out;
}

/** `\uXXXX` or `\UXXXXXXXX`, as Postgres' regular expressions write a character. */
function regexCharacter(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase();
  return codePoint > 0xffff ? `\\U${hex.padStart(8, "0")}` : `\\u${hex.padStart(4, "0")}`;
}

/** A bracket expression's ranges for the code points `member` accepts. */
function characterClass(member: (codePoint: number) => boolean): string {
  let out = "";
  let start = -1;
  for (let codePoint = 1; codePoint <= 0x110000; codePoint++) {
    const inside = codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff) && member(codePoint);
    if (inside && start < 0) start = codePoint;
    if (!inside && start >= 0) {
      const end = codePoint - 1;
      out += start === end ? regexCharacter(start) : `${regexCharacter(start)}-${regexCharacter(end)}`;
      start = -1;
    }
  }
  return out;
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** A searchable field's text in the function: the column, or the JSON string at the path (NULL otherwise). */
function fieldText(name: string): string {
  const field = resolveField(name, CONTACT_SCOPE);
  if (!field) throw new Error(`unknown searchable field '${name}'`);
  const limit = SEARCH_TEXT.fieldCharacters;
  if (field.location.kind === "column") return `left(${field.location.column}, ${limit})`;
  const [first, ...rest] = field.location.path;
  const [object, key] = first === "enrichedContactInfo" && rest.length === 1 ? ["enriched", rest[0]] : ["doc", first];
  if (key === undefined || (object === "doc" && rest.length > 0)) throw new Error(`no variable holds '${name}'`);
  return `left(CASE WHEN jsonb_typeof(${object} -> ${literal(key)}) = 'string' THEN ${object} ->> ${literal(key)} END, ${limit})`;
}

/**
 * A word's lexeme: the first 12 hex digits of md5(organization_id), a space, the word. A prefix
 * query reads only its organization's lexemes (`a:*` in a small organization does not walk the
 * words of all the others). Two organizations whose digits collide would share lexemes: still
 * correct (every statement also says which organization), only less selective.
 */
const TENANT = "left(md5(coalesce(organization_id, '')), 12) || ' '";

function searchSql(unknown: ReadonlyMap<number, string>): string {
  const wordClass = characterClass((codePoint) => /^[\p{L}\p{N}]$/u.test(String.fromCodePoint(codePoint)));
  const single = [...unknown].filter(([, folded]) => [...folded].length === 1);
  const multiple = [...unknown].filter(([, folded]) => [...folded].length !== 1);
  let fixed = `translate(searchable, ${literal(single.map(([c]) => String.fromCodePoint(c)).join(""))}, ${literal(single.map(([, f]) => f).join(""))})`;
  for (const [codePoint, folded] of multiple) {
    fixed = `replace(${fixed}, ${literal(String.fromCodePoint(codePoint))}, ${literal(folded)})`;
  }
  const guard = [...unknown.keys()].map(regexCharacter).join("");
  const texts = SEARCHABLE_FIELDS.map(fieldText).join(",\n    ");
  const word = SEARCH_TEXT.wordCharacters;
  return `-- A contact's search words (docs/query-language.md, "Search") as a tsvector of lexemes: each word
-- exactly (no text-search parser or dictionary), after its organization's mark. Generated by
-- scripts/generate/search-sql.ts. Built-in calls only, so index maintenance also works under the restricted
-- search_path of Postgres 17 and later.
-- The default COST, though a row's words take tens of microseconds (bench/results/search.json): the planner
-- charges it to every row a bitmap scan of the index returns, as if rechecked (an exact GIN match is not), so
-- a cost that big made it add parallel workers, JIT compilation and other indexes' bitmaps to a search's scan.
-- Statements with a search read its matches from the index first (src/sql/search-rows.ts) instead of weighing that.
CREATE FUNCTION "${SEARCH_VECTOR_FUNCTION}"(organization_id text, name text, email_address text, info jsonb)
RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $function$
DECLARE
  -- The document is read (and decompressed) once, not once per path.
  doc jsonb := info #> '{}';
  enriched jsonb := doc -> 'enrichedContactInfo';
  -- The searchable fields' string values, each by its first ${SEARCH_TEXT.fieldCharacters} characters.
  searchable text := concat_ws(' ',
    ${texts});
  folded text;
  -- What lies between words: anything but a letter or a digit (\\p{L}, \\p{N}); in ASCII text, lower-cased, [0-9a-z].
  separators text := '[^0-9a-z]+';
  tenant text := ${TENANT};
BEGIN
  IF octet_length(searchable) = char_length(searchable) THEN
    -- ASCII only: lower-casing is all the folding there is.
    folded := lower(searchable);
  ELSE
    -- Characters newer than the Unicode tables of lower() and normalize() here: their folded form.
    IF searchable ~ '[${guard}]' THEN
      searchable := ${fixed};
    END IF;
    -- Lower-cased, decomposed, stripped of U+0300-U+036F.
    folded := regexp_replace(normalize(lower(searchable), NFD), '[\\u0300-\\u036F]+', '', 'g');
    separators := '[^${wordClass}]+';
  END IF;
  -- The words: maximal runs of letters and digits, each by its first ${word} characters.
  IF char_length(folded) <= ${word} THEN
    -- No word is longer: every run of separators becomes a comma and the mark, and the pieces are the lexemes
    -- (a piece that is the mark alone, at either end, is no word). One expression: no query runs.
    RETURN array_to_tsvector(array_remove(
      string_to_array(tenant || regexp_replace(folded, separators, ',' || tenant, 'g'), ','), tenant));
  END IF;
  RETURN array_to_tsvector(ARRAY(
    SELECT tenant || left(word, ${word})
    FROM unnest(regexp_split_to_array(folded, separators)) AS word
    WHERE word <> ''));
END
$function$;
--> statement-breakpoint
-- The prefix query of a search's words (letters and digits, from the service) in an organization:
-- 'tenant word':* & ... A constant when the statement is planned (its arguments are), so the planner
-- weighs it against the index expression's statistics.
CREATE FUNCTION "${SEARCH_QUERY_FUNCTION}"(organization_id text, words text[]) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (
  SELECT string_agg('''' || replace(replace(${TENANT} || word, '\\', '\\\\'), '''', '\\''') || ''':*', ' & ')::tsquery
  FROM unnest(words) AS word
);`;
}

runMain(main);
