/**
 * @module The writer of the one statement a request runs: flat and linear. The
 * text is appended left to right, in one pass; every value is a bound
 * parameter (`$n::cast`), and equal values bound with the same cast share one
 * parameter, so a filter written twice (count and page) or a JSON path used
 * twice in a predicate costs no extra parameter.
 *
 * Statements are written as tagged templates, so they read as the SQL they
 * produce:
 *
 * ```ts
 * w.sql`SELECT count(*) FROM ${TABLE} WHERE ${where} LIMIT ${bind(String(n), "int8")}`;
 * ```
 *
 * What a template may interpolate is typed: `TrustedSql` (text the service
 * wrote itself: literal parts of templates, declared identifiers, integers,
 * text this writer produced), a `Bound` value (the only way a client's value
 * reaches the statement), or a `Fragment` (a function that writes more). A
 * plain `string` is not `TrustedSql`, so client text cannot be spliced into a
 * statement by accident: it does not compile.
 *
 * Why not nested Drizzle `sql` fragments: Drizzle renders a tree of fragments
 * by building and concatenating a string per node; a 500-node filter spent
 * most of its translation time there. The result is still handed to Drizzle
 * as one flat `SQL` (`toSql`).
 */
import { Param, SQL, StringChunk } from "drizzle-orm";
import type { CONTACTS_TABLE, ColumnName, ResponseKey } from "../contact/columns.ts";

declare const TRUSTED: unique symbol;
/** SQL text written by the service itself, never by a client (see the module comment). */
export type TrustedSql = string & { readonly [TRUSTED]: true };

export type ParamValue = string | readonly string[];

/** A value to bind as a parameter, with the cast the statement reads it with. */
export interface Bound {
  readonly bound: ParamValue;
  readonly cast: TrustedSql;
}

/** Writes more of the statement where it is interpolated. */
export type Fragment = (w: SqlWriter) => void;

export type SqlPart = TrustedSql | Bound | Fragment;

/** `value`, bound as `$n::cast`. */
export function bind(value: ParamValue, cast: Cast): Bound {
  return { bound: value, cast: cast as TrustedSql };
}

/** The casts a statement binds values with. */
export type Cast =
  | "text"
  | "text[]"
  | "int8"
  | "numeric"
  | "jsonb"
  | "jsonb[]"
  | "timestamptz"
  | "timestamptz[]"
  | "timestamp";

/**
 * Text written in the source, as `TrustedSql`: a template whose interpolations
 * are themselves trusted (identifiers, integers, other trusted text).
 */
export function trusted(strings: TemplateStringsArray, ...parts: readonly TrustedSql[]): TrustedSql {
  let text = strings[0] as string;
  for (let i = 0; i < parts.length; i++) text += (parts[i] as string) + (strings[i + 1] as string);
  return text as TrustedSql;
}

/** The table or one of its columns, as declared (src/contact/columns.ts), as a quoted identifier. */
export function identifier(name: ColumnName | typeof CONTACTS_TABLE): TrustedSql {
  return `"${name.replaceAll('"', '""')}"` as TrustedSql;
}

/** A whole number as SQL text (a limit, a bound); anything else is a bug. */
export function integer(value: number): TrustedSql {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return String(value) as TrustedSql;
}

/** A finite number as SQL text (a sample's percentage); anything else is a bug. */
export function decimal(value: number): TrustedSql {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value) as TrustedSql;
}

/** A response key of the contact, as declared, as the text of an SQL string literal (without its quotes). */
export function responseKeyText(key: ResponseKey): TrustedSql {
  return key.replaceAll("'", "''") as TrustedSql;
}

/** `parts` one after the other, `separator` between them. */
export function joined(parts: readonly SqlPart[], separator: TrustedSql): Fragment {
  return (w) => {
    parts.forEach((part, i) => {
      if (i > 0) w.raw(separator);
      w.part(part);
    });
  };
}

/**
 * A fragment written in full where it is first used, and repeated as the
 * text it wrote after that (`since`): a filter a statement reads in several
 * places, whose first place comes from a helper.
 */
export function once(fragment: Fragment): Fragment {
  let written: { writer: SqlWriter; text: TrustedSql } | undefined;
  return (w) => {
    if (written) {
      if (written.writer !== w) throw new Error("once: a fragment of another statement");
      w.raw(written.text);
      return;
    }
    const start = w.length;
    fragment(w);
    written = { writer: w, text: w.since(start) };
  };
}

export class SqlWriter {
  private text = "";
  private readonly values: ParamValue[] = [];
  /** Where each parameter's placeholder first occurs in `text`, or -1 when bound by `placeholder` (found by `toSql`). */
  private readonly firstUse: number[] = [];
  /** Placeholders (`$n::cast`) by cast, then by value: strings and arrays apart, so no key is ambiguous. */
  private readonly strings = new Map<string, Map<string, TrustedSql>>();
  private readonly arrays = new Map<string, Map<string, TrustedSql>>();
  /** Array values' keys, by identity: a JSON path is bound two to four times per predicate. */
  private readonly arrayKeys = new Map<readonly string[], string>();

  /** Appends a template: its literal parts as they are, each interpolation by its kind. */
  sql(strings: TemplateStringsArray, ...parts: readonly SqlPart[]): this {
    // The hottest path of translation: trusted text and bound values are appended without a call.
    this.text += strings[0] as string;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as SqlPart;
      if (typeof part === "string") this.text += part;
      else if (typeof part === "function") part(this);
      else this.param(part.bound, part.cast);
      this.text += strings[i + 1] as string;
    }
    return this;
  }

  /** Appends one part: trusted text, a bound value or a fragment. */
  part(part: SqlPart): this {
    if (typeof part === "string") this.text += part;
    else if (typeof part === "function") part(this);
    else this.param(part.bound, part.cast);
    return this;
  }

  /** Appends trusted text. */
  raw(text: TrustedSql): this {
    this.text += text;
    return this;
  }

  /** Appends `$n::cast`, binding `value` (a string, or a string array for a `[]` cast). */
  param(value: ParamValue, cast: Cast | TrustedSql): this {
    const bound = this.values.length;
    const placeholder = this.placeholder(value, cast);
    if (this.values.length > bound) this.firstUse[bound] = this.text.length;
    this.text += placeholder;
    return this;
  }

  /**
   * Binds `value` and returns its `$n::cast` text without appending it, for an
   * expression written once and interpolated more than once (a JSON path read
   * twice in a CASE). Append it before binding anything else: parameters must
   * first appear in the text in the order they were bound (`toSql` checks).
   */
  placeholder(value: ParamValue, cast: Cast | TrustedSql): TrustedSql {
    const isString = typeof value === "string";
    let key: string;
    if (isString) key = value;
    else {
      const known = this.arrayKeys.get(value);
      key = known ?? JSON.stringify(value);
      if (known === undefined) this.arrayKeys.set(value, key);
    }
    const byCast = isString ? this.strings : this.arrays;
    let byValue = byCast.get(cast);
    if (byValue === undefined) {
      byValue = new Map();
      byCast.set(cast, byValue);
    }
    let placeholder = byValue.get(key);
    if (placeholder === undefined) {
      this.values.push(value);
      this.firstUse.push(-1);
      placeholder = `$${this.values.length}::${cast}` as TrustedSql;
      byValue.set(key, placeholder);
    }
    return placeholder;
  }

  /**
   * The `$n::cast` text of a string value bound earlier, to be written inside
   * text that is itself repeated (e.g. a nested path expression): it binds
   * nothing new. Throws when the value was not bound with that cast yet.
   */
  placeholderOf(value: string, cast: Cast): TrustedSql {
    const placeholder = this.strings.get(cast)?.get(value);
    if (placeholder === undefined) throw new Error("placeholderOf: value not bound yet");
    return placeholder;
  }

  /** Where the text ends now, for `since`. */
  get length(): number {
    return this.text.length;
  }

  /**
   * The text written since `start`, to be appended again: its placeholders
   * refer to parameters that already exist, so it binds nothing new.
   */
  since(start: number): TrustedSql {
    return this.text.slice(start) as TrustedSql;
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
   * (test/sql/writer.test.ts checks that Drizzle renders it to `toQuery()`).
   */
  toSql(): SQL {
    const chunks: (StringChunk | Param)[] = [];
    let from = 0;
    for (let i = 0; i < this.values.length; i++) {
      const number = `$${i + 1}`;
      let start = this.firstUse[i] as number;
      if (start < 0) {
        // Bound by `placeholder`: its first `$n::` after the previous parameter's, and none before it
        // (no trusted text holds a `$`; `$1::` is not part of `$11::`).
        start = this.text.indexOf(`${number}::`, from);
        if (start < 0 || this.text.lastIndexOf(`${number}::`, from) >= 0) {
          throw new Error(`parameter ${number} does not first appear after the parameters bound before it`);
        }
      }
      if (start < from) throw new Error(`parameter ${number} first appears before the parameters bound before it`);
      chunks.push(new StringChunk(this.text.slice(from, start)), new Param(this.values[i]));
      from = start + number.length;
    }
    chunks.push(new StringChunk(this.text.slice(from)));
    return new SQL(chunks);
  }
}
