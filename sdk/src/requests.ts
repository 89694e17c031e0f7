import type { Projection } from "./answers.js";
import type { ContactFields, FacetableField, FieldsOfKind, Filter, SortableField } from "./filter-types.js";

/** The parameters of each method, and how they are written on the wire (query string or JSON body). */

export interface SortKey {
  field: SortableField;
  /** `asc` unless said. */
  order?: "asc" | "desc";
}

/** What every call takes besides its parameters. */
export interface CallOptions {
  /** Aborts the request (and any wait before a retry). */
  signal?: AbortSignal;
}

/** The filter, search and sort of a query or an export. */
export interface Selection {
  /** A filter built with `f` (sent as JSON), or filter text in the syntax `qs` names (LISP unless said). */
  q?: Filter | string | null;
  /** The syntax of `q` when it is text. */
  qs?: "lisp" | "json";
  /**
   * Words, as typed in a search box: every word must begin a word of the
   * contact's name, email or company, or of the enrichment's names, email,
   * company, domain or job title.
   */
  search?: string;
  /** `-creation_time,name` (the syntax `ss` names), or a list of sort keys. Default: newest first. */
  s?: string | readonly SortKey[];
  /** The syntax of `s` when it is text. */
  ss?: "simple" | "json";
}

export interface QueryRequest<P extends Projection | undefined = Projection | undefined>
  extends Selection,
    CallOptions {
  /** Contacts per page, 1..1000 (default 20). */
  page_size?: number;
  /** 1-based; at most 100,000 contacts deep (use `page_token` or `pages()` beyond). */
  page_number?: number;
  /** The `next_page_token` of the page before (not with `page_number`). */
  page_token?: string;
  /** `exact` (default), `estimated` (exact up to 10,000) or `none` (`total_count` is null). */
  count?: "exact" | "estimated" | "none";
  /** The fields each contact holds besides `id`: a list types the answer's contacts. */
  fields?: P;
}

/** `pages()` walks by token: no `page_number`; a `page_token` resumes a walk. */
export type PagesRequest<P extends Projection | undefined = Projection | undefined> = Omit<
  QueryRequest<P>,
  "page_number"
>;

/** Called as an export streams: contacts (or CSV records) so far, and the service's count of them all. */
export type ExportProgress = (done: number, total: number | null, totalExact: boolean) => void;

export interface ExportRequest<P extends Projection | undefined = Projection | undefined>
  extends Selection,
    CallOptions {
  fields?: P;
  /** `ndjson` (default): contacts, parsed as they stream. `csv`: the CSV text, in chunks. */
  format?: "ndjson" | "csv";
  /**
   * Progress: `total` is the answer's `X-Total-Count` (exact up to 10,000
   * matches, estimated above: `totalExact` says which), `null` when the
   * answer gives none. Called once before the first contact with `done` 0.
   */
  onProgress?: ExportProgress;
}

/** A field `stats` summarizes: numbers, dates and date-times. */
export type StatsField = FieldsOfKind<ContactFields, "number" | "timestamp">;
export type DateInterval = "day" | "week" | "month" | "quarter" | "year";
/** `field:interval`: a calendar interval for dates and date-times, a positive width for numbers. */
export type HistogramSpec =
  | `${FieldsOfKind<ContactFields, "timestamp">}:${DateInterval}`
  | `${FieldsOfKind<ContactFields, "number">}:${number}`;

export type FacetSelection = readonly FacetableField[] | string;
export type StatsSelection = readonly StatsField[] | string;
export type HistogramSelection = readonly HistogramSpec[] | string;

export interface FacetsRequest<
  F extends FacetSelection | undefined = FacetSelection | undefined,
  S extends StatsSelection | undefined = StatsSelection | undefined,
  H extends HistogramSelection | undefined = HistogramSelection | undefined,
> extends Omit<Selection, "s" | "ss">,
    CallOptions {
  /** 1 to 5 fields whose values to count. */
  facet?: F;
  /** Values per facet field, 1..100 (default 10). */
  limit?: number;
  /** Up to 5 fields to give count, min, max, sum and average of. */
  stats?: S;
  /** Up to 3 `field:interval` histograms. */
  histogram?: H;
  /** `exact` (default), or `estimated`: above 10,000 matches, counts may come from a sample (`exact: false`). */
  count?: "exact" | "estimated";
}

// --- The wire ------------------------------------------------------------------

/** One parameter, as the query string writes it and as a JSON body holds it. */
export interface WireValue {
  text: string;
  json: unknown;
}
export type WireParams = Record<string, WireValue>;

const text = (value: string | number): WireValue => ({ text: String(value), json: value });
const list = (value: readonly string[] | string): WireValue =>
  typeof value === "string" ? text(value) : { text: value.join(","), json: [...value] };

/** The wire form of the parameters present; `undefined` and `null` are left out. */
export function wireParams(request: object): WireParams {
  const wire: WireParams = {};
  for (const [name, value] of Object.entries(request)) {
    if (value === undefined || value === null || name === "signal" || name === "onProgress") continue;
    switch (name) {
      case "q":
        if (Array.isArray(value)) {
          // A built filter travels as JSON: the same tree in the URL and in a body.
          wire.q = { text: JSON.stringify(value), json: value };
          wire.qs = text("json");
        } else {
          wire.q = text(value as string);
        }
        break;
      case "s":
        if (Array.isArray(value)) {
          const keys = value as readonly SortKey[];
          wire.s = {
            text: keys.map((key) => `${key.field}:${key.order ?? "asc"}`).join(","),
            json: keys.map((key) => ({ field: key.field, order: key.order ?? "asc" })),
          };
          wire.ss = { text: "simple", json: "json" };
        } else {
          wire.s = text(value as string);
        }
        break;
      case "fields":
      case "facet":
        wire[name] = list(value as readonly string[] | string);
        break;
      case "stats":
      case "histogram": {
        // The comma-separated text in a body too: the one form the service documents for both.
        const joined = typeof value === "string" ? value : (value as readonly string[]).join(",");
        wire[name] = text(joined);
        break;
      }
      default:
        if (!(name === "qs" && wire.qs) && !(name === "ss" && wire.ss)) wire[name] = text(value as string | number);
    }
  }
  return wire;
}

/** The query string of the parameters. */
export function queryString(wire: WireParams): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(wire)) params.set(name, value.text);
  const encoded = params.toString();
  return encoded ? `?${encoded}` : "";
}

/** The JSON body of the parameters. */
export function jsonBody(wire: WireParams): string {
  return JSON.stringify(Object.fromEntries(Object.entries(wire).map(([name, value]) => [name, value.json])));
}
