/** Page defaults of the query endpoint. */
export const DEFAULT_PAGE_SIZE = 20;
export const DEFAULT_PAGE_NUMBER = 1;

/** Limits of a query; each is a 400 naming the limit when exceeded. */
export const LIMITS = Object.freeze({
  /** UTF-8 bytes of the `q` text (or of the JSON filter given in a POST body). */
  maxFilterBytes: 16 * 1024,
  /** Operator applications (and, =, any, ...) in one filter. */
  maxFilterNodes: 500,
  /** Nesting levels of operator applications; the top-level operator is level 1. */
  maxFilterDepth: 32,
  /** Values in one `in` / `not-in` / `has-any` / `has-all` list. */
  maxListValues: 1000,
  maxSortKeys: 8,
  /** Names in a `fields` projection. */
  maxFields: 50,
  maxPageSize: 1000,
  /** Rows skipped before a page: (page_number - 1) * page_size. */
  maxOffset: 100_000,
  /** Characters (code points) of a `search` text, and the words in it. */
  maxSearchCharacters: 200,
  maxSearchWords: 8,
});
