import { describe, expect, it } from "vitest";
import type { QueryRunner } from "../../src/db/client.ts";
import { wordsOf } from "../../src/query/search.ts";
import { SqlWriter } from "../../src/sql/writer.ts";
import { referenceWords } from "../reference/evaluate.ts";
import { withTestDatabase } from "../support/database.ts";

/**
 * The words the database computes for stored text (`contact_search_vector`,
 * drizzle/0008_contact_search.sql) are the words the service computes for a
 * search (src/query/search.ts) and the reference evaluator for a contact: on
 * every code point, and on texts where context or order could matter. Run on
 * PGlite and, with TEST_DATABASE_URL, on the server (Postgres 15, C.UTF-8).
 */

/** The words of a text stored as a contact's name, sorted: its lexemes without their organization's mark. */
async function databaseWords(db: QueryRunner, texts: readonly string[]): Promise<string[][]> {
  const w = new SqlWriter();
  w.sql`SELECT tsvector_to_array(contact_search_vector('org', text, NULL, '{}')) AS words FROM unnest(`;
  w.param(texts, "text[]").sql`) WITH ORDINALITY AS texts(text, position) ORDER BY position`;
  const rows = await db.rows<{ words: string[] }>(w.toSql());
  return rows.map((row) => row.words.map((lexeme) => lexeme.slice(lexeme.indexOf(" ") + 1)).sort());
}

const distinctSorted = (words: readonly string[]) => [...new Set(words)].sort();

/** Every code point but NUL and the surrogates, `size` to a text, separated by spaces. */
function codePointTexts(size: number): { first: number; text: string }[] {
  const texts: { first: number; text: string }[] = [];
  let current: number[] = [];
  for (let codePoint = 1; codePoint <= 0x10ffff; codePoint++) {
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
    current.push(codePoint);
    if (current.length === size || codePoint === 0x10ffff) {
      texts.push({ first: current[0] as number, text: current.map((c) => String.fromCodePoint(c)).join(" ") });
      current = [];
    }
  }
  return texts;
}

describe("search words: the database, the service and the reference agree", () => {
  // contact_search_vector splits a text of at most 500 characters (once folded) in one expression and a
  // longer one word by word: 100 code points and their spaces fold to fewer than 500 (a canonical
  // decomposition has at most four code points), 2,000 and theirs to more, within the 4,096 characters
  // a field is searched in.
  it.each([
    { size: 100, batchSize: 200 },
    { size: 2000, batchSize: 20 },
  ])("on every code point (each alone, between spaces), $size to a text", async ({ size, batchSize }) => {
    const texts = codePointTexts(size);
    await withTestDatabase(async (db) => {
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize);
        const stored = await databaseWords(
          db,
          batch.map(({ text }) => text),
        );
        batch.forEach(({ first, text }, i) => {
          const where = `code points from U+${first.toString(16).toUpperCase()}`;
          expect(stored[i], where).toEqual(distinctSorted(wordsOf(text)));
          expect(distinctSorted(referenceWords(text)), where).toEqual(distinctSorted(wordsOf(text)));
        });
      }
    });
  }, 300_000);

  it("on letters without a decomposition, dotted and dotless i, final sigma, other scripts' digits", async () => {
    const cases: Record<string, string[]> = {
      "Søren Kierkegaard": ["kierkegaard", "søren"],
      "STRASSE Straße ẞ": ["strasse", "straße", "ß"],
      "Łódź łódź": ["łodz"],
      "İstanbul ISTANBUL ıi": ["istanbul", "ıi"],
      "ΟΔΟΣ οδος Σ": ["οδοσ", "οδος", "σ"],
      "Ǆemal ǅemal": ["ǆemal"],
      "٣٤ ۵ 五 ² Ⅻ": ["²", "٣٤", "۵", "ⅻ", "五"],
      "ada@acme.com, O'Brien—Zoë_Ünal": ["acme", "ada", "brien", "com", "o", "unal", "zoe"],
      "ÁDA  Lovelace": ["ada", "lovelace"],
      "한국어 韓國": ["한국어".normalize("NFD"), "韓國"],
      "Ⓐ ⓐ ① x²": ["①", "x²"],
    };
    await withTestDatabase(async (db) => {
      const texts = Object.keys(cases);
      const stored = await databaseWords(db, texts);
      texts.forEach((text, i) => {
        const expected = distinctSorted(cases[text] as string[]);
        expect(distinctSorted(wordsOf(text)), text).toEqual(expected);
        expect(distinctSorted(referenceWords(text)), text).toEqual(expected);
        expect(stored[i], text).toEqual(expected);
      });
    });
  });

  it("splits ASCII text at every character but a letter or a digit", async () => {
    const ascii = Array.from({ length: 127 }, (_, i) => String.fromCodePoint(i + 1)).join(" ");
    const glued = Array.from({ length: 127 }, (_, i) => `a${String.fromCodePoint(i + 1)}b`).join("");
    await withTestDatabase(async (db) => {
      const stored = await databaseWords(db, [ascii, glued, ` ${ascii}!`]);
      for (const [i, text] of [ascii, glued, ` ${ascii}!`].entries()) {
        expect(stored[i], JSON.stringify(text)).toEqual(distinctSorted(wordsOf(text)));
      }
    });
  });

  it("searches a field by its first 4,096 characters and a word by its first 500", async () => {
    const long = `${"x".repeat(4090)} abcdefgh`;
    const longWord = `${"é".repeat(600)}`;
    await withTestDatabase(async (db) => {
      const [cut, word] = await databaseWords(db, [long, longWord]);
      expect(cut).toEqual(["abcde", "x".repeat(500)]);
      expect(word).toEqual(["e".repeat(500)]);
      expect(wordsOf(longWord)).toEqual(["e".repeat(500)]);
      expect(referenceWords(longWord)).toEqual(["e".repeat(500)]);
    });
  });
});
