/**
 * The parts of the API's answers the page reads. Written from the API's
 * reference (/docs), not imported from the server's code: the page is a client
 * like any other, and depends on the answers, not on how they are produced.
 * `npm run typecheck` checks that every answer /openapi.json describes reads
 * as these types (test/unit/openapi-types.test.ts).
 */

/** One field of `GET /org/:orgId/contact/fields`. */
export interface FieldInfo {
  name: string;
  alias?: string;
  type: string;
  description?: string;
  enum?: readonly string[];
  nullable?: boolean;
  operators: readonly string[];
  sortable: boolean;
  elementFields?: FieldInfo[];
}

export type ArgumentShape = "filter" | "field" | "list" | "value";

/** One operator of the `operators` table of `GET /fields`. */
export interface OperatorInfo {
  name: string;
  aliases: readonly string[];
  summary: string;
  example: string;
  arguments: readonly ArgumentShape[];
  variadic: boolean;
}

export interface Catalog {
  fields: FieldInfo[];
  operators: OperatorInfo[];
}

export type Contact = { id: string } & Record<string, unknown>;

/** 200 of the query endpoint. */
export interface ContactPage {
  data: Contact[];
  page_number: number;
  page_size: number;
  total_count: number | null;
  total_count_exact?: boolean;
  next_page_token?: string | null;
}

export interface FacetCount {
  value: string | number | boolean | null;
  count: number;
}

export interface FieldStats {
  count: number;
  min: number | string | null;
  max: number | string | null;
  sum: number | null;
  avg: number | null;
}

export interface HistogramBucket {
  key: number | string | null;
  count: number;
}

/** 200 of the facets endpoint: `stats`, `histograms` and `exact` only when the server offers them. */
export interface FacetsAnswer {
  facets?: Record<string, FacetCount[]>;
  stats?: Record<string, FieldStats>;
  histograms?: Record<string, HistogramBucket[]>;
  total_count: number;
  exact?: boolean;
}

/** Where in a parameter's text an error is: line and column (1-based, UTF-16 units) or a JSON pointer. */
export type ErrorPosition = { line: number; column: number } | { pointer: string };
