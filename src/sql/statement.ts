import { Param, SQL, StringChunk } from "drizzle-orm";

/**
 * A flat, linear SQL writer for the one statement a request runs. The text is
 * appended left to right; every value is a bound parameter (`$n`), and equal
 * values bound with the same cast share one parameter, so a filter that is
 * repeated (count and page) or a JSON path used twice in a predicate costs no
 * extra parameter. Only the translator's own constant text is ever appended as
 * text: client values go through `param` and nothing else.
 *
 * Why not nested Drizzle `sql` fragments: Drizzle renders a tree of fragments
 * by building and concatenating a string per node, which for a 500-node filter
 * cost ~13 ms of Worker CPU; this writer renders in one pass.
 */
export type ParamValue = string | readonly string[];

export class SqlWriter {
  private text = "";
  private readonly values: ParamValue[] = [];
  /** Where each parameter's placeholder first occurs in `text`: [start, end). */
  private readonly firstUse: number[] = [];
  /** Placeholders by cast, then by value: strings and arrays apart, so no key is ambiguous. */
  private readonly strings = new Map<string, Map<string, string>>();
  private readonly arrays = new Map<string, Map<string, string>>();
  /** Array values' keys, by identity: a JSON path is bound two to four times per predicate. */
  private readonly arrayKeys = new Map<readonly string[], string>();

  /** Appends the translator's own SQL text (never client input). */
  raw(text: string): this {
    this.text += text;
    return this;
  }

  /** Appends `$n::cast`, binding `value` (a string, or a string array for a `[]` cast). */
  param(value: ParamValue, cast: string): this {
    const isString = typeof value === "string";
    const key = isString ? value : (this.arrayKeys.get(value) ?? JSON.stringify(value));
    if (!isString) this.arrayKeys.set(value, key);
    const byCast = isString ? this.strings : this.arrays;
    let byValue = byCast.get(cast);
    if (byValue === undefined) {
      byValue = new Map();
      byCast.set(cast, byValue);
    }
    let placeholder = byValue.get(key);
    if (placeholder === undefined) {
      this.values.push(value);
      placeholder = `$${this.values.length}`;
      byValue.set(key, placeholder);
      this.firstUse.push(this.text.length, this.text.length + placeholder.length);
    }
    this.text += placeholder;
    this.text += "::";
    this.text += cast;
    return this;
  }

  /**
   * The `$n::cast` text of a string value bound earlier, to be written inside
   * text that is itself repeated (e.g. a nested path expression): it binds
   * nothing new. Throws when the value was not bound with that cast yet.
   */
  placeholderOf(value: string, cast: string): string {
    const placeholder = this.strings.get(cast)?.get(value);
    if (placeholder === undefined) throw new Error("placeholderOf: value not bound yet");
    return `${placeholder}::${cast}`;
  }

  /** Where the text ends now, for `since`. */
  get length(): number {
    return this.text.length;
  }

  /**
   * The text written since `start`, to be appended again with `raw`: its
   * placeholders refer to parameters that already exist, so it binds nothing new.
   */
  since(start: number): string {
    return this.text.slice(start);
  }

  /** The statement as text and parameters (`$1` is `params[0]`). */
  toQuery(): { sql: string; params: ParamValue[] } {
    return { sql: this.text, params: [...this.values] };
  }

  /**
   * The statement as a flat Drizzle `SQL` for the database layer: each
   * parameter's first placeholder becomes a Drizzle `Param`, which Drizzle numbers
   * `$1, $2, …` in order of appearance — the numbers this writer gave them, so
   * later references to `$n` in the text stay right. The result must therefore
   * be run as a whole statement, not embedded after other parameters
   * (test/sql/statement.test.ts checks that Drizzle renders it to `toQuery()`).
   */
  toSql(): SQL {
    const chunks: (StringChunk | Param)[] = [];
    let from = 0;
    for (let i = 0; i < this.values.length; i++) {
      const start = this.firstUse[2 * i] as number;
      chunks.push(new StringChunk(this.text.slice(from, start)), new Param(this.values[i]));
      from = this.firstUse[2 * i + 1] as number;
    }
    chunks.push(new StringChunk(this.text.slice(from)));
    return new SQL(chunks);
  }
}
