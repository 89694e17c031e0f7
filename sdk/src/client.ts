import type { ContactOf, ContactPage, FacetsAnswerFor, FieldCatalog, Projection, PurgeResult } from "./answers.js";
import { csvText, ndjsonContacts } from "./export-stream.js";
import {
  type ExportRequest,
  type FacetSelection,
  type FacetsRequest,
  type HistogramSelection,
  type PagesRequest,
  type QueryRequest,
  type StatsSelection,
  wireParams,
} from "./requests.js";
import { DEFAULT_MAX_RETRY_DELAY_MS, DEFAULT_RETRIES } from "./retry.js";
import { type Call, type Connection, type FetchFunction, send } from "./transport.js";

export interface ContactQueryClientOptions {
  /** Where the service is: `https://contacts.example.com`. */
  baseUrl: string;
  /** An API key of the organization (`Authorization: Bearer …`). */
  apiKey: string;
  /** The organization whose contacts to read; the key must belong to it. */
  organizationId: string;
  /** The `fetch` to call (default: the global one): a Worker's service binding, a proxy-aware fetch, a test's. */
  fetch?: FetchFunction;
  /**
   * How many times a read answered 429 or 503 is tried again (default 2; 0
   * turns retries off). Reads are every method but `purge()`; an export is
   * retried only before its first byte.
   */
  retries?: number;
  /** The longest wait for a retry (default 60,000 ms): an answer asking to wait longer is thrown at once. */
  maxRetryDelayMs?: number;
}

/**
 * A client of the contact query service, bound to one organization.
 *
 * @example
 * const client = new ContactQueryClient({ baseUrl, apiKey, organizationId });
 * const page = await client.query({ q: f.eq("info.partner", "AWS"), s: "-creation_time", page_size: 50 });
 */
export class ContactQueryClient {
  readonly #connection: Connection;

  constructor(options: ContactQueryClientOptions) {
    const retries = options.retries ?? DEFAULT_RETRIES;
    if (!Number.isInteger(retries) || retries < 0) throw new RangeError("retries must be an integer >= 0");
    this.#connection = {
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      organizationId: options.organizationId,
      // Called unbound, a browser's fetch throws "Illegal invocation".
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      retries,
      maxRetryDelayMs: options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS,
    };
  }

  /**
   * One page of contacts. With `fields` as a list, the page's contacts are
   * typed as holding `id` and those keys only.
   */
  async query<const P extends Projection | undefined = undefined>(
    request: QueryRequest<P> = {},
  ): Promise<ContactPage<ContactOf<P>>> {
    return this.#json({ endpoint: "query", kind: "read", params: wireParams(request), signal: request.signal });
  }

  /**
   * Every page of a query, following `next_page_token` to the last: each page
   * costs about what the first does however deep, and no contact is seen
   * twice while contacts are added or removed. `page_token` resumes a walk.
   */
  async *pages<const P extends Projection | undefined = undefined>(
    request: PagesRequest<P> = {},
  ): AsyncGenerator<ContactPage<ContactOf<P>>, void, undefined> {
    let token = request.page_token;
    do {
      const page: ContactPage<ContactOf<P>> = await this.query({ ...request, page_token: token });
      yield page;
      token = page.next_page_token ?? undefined;
    } while (token);
  }

  /**
   * Every contact the selection matches, in its order, as the answer
   * streams (NDJSON, parsed line by line); with `format: "csv"`, the CSV text
   * in chunks. An export cut short throws a `ContactQueryError` with code
   * `export_incomplete`: it never ends as if complete. Breaking out of the
   * loop closes the connection.
   */
  export<const P extends Projection | undefined = undefined>(
    request: ExportRequest<P> & { format: "csv" },
  ): AsyncGenerator<string, void, undefined>;
  export<const P extends Projection | undefined = undefined>(
    request?: ExportRequest<P> & { format?: "ndjson" },
  ): AsyncGenerator<ContactOf<P>, void, undefined>;
  async *export(request: ExportRequest = {}): AsyncGenerator<unknown, void, undefined> {
    const csv = request.format === "csv";
    const response = await send(this.#connection, {
      endpoint: "export",
      kind: "read",
      params: wireParams({ ...request, format: csv ? "csv" : "ndjson" }),
      accept: csv ? "text/csv" : "application/x-ndjson",
      signal: request.signal,
    });
    yield* csv ? csvText(response, request.onProgress) : ndjsonContacts(response, request.onProgress);
  }

  /**
   * Counts, statistics and histograms over the contacts the selection
   * matches, in one request. The answer holds the keys asked for, under the
   * fields' canonical names.
   */
  async facets<
    const F extends FacetSelection | undefined = undefined,
    const S extends StatsSelection | undefined = undefined,
    const H extends HistogramSelection | undefined = undefined,
  >(request: FacetsRequest<F, S, H>): Promise<FacetsAnswerFor<F, S, H>> {
    return this.#json({ endpoint: "facets", kind: "read", params: wireParams(request), signal: request.signal });
  }

  /** Every field a filter, sort, projection or facet may name: its type, operators and documentation. */
  async fields(options: { signal?: AbortSignal } = {}): Promise<FieldCatalog> {
    return this.#json({ endpoint: "fields", kind: "read", signal: options.signal });
  }

  /** Makes every cached answer of the organization stale at once. Never retried. */
  async purge(options: { signal?: AbortSignal } = {}): Promise<PurgeResult> {
    return this.#json({ endpoint: "cache/purge", kind: "write", signal: options.signal });
  }

  /** Sends a call whose successful answer is one JSON document, and reads it. */
  async #json<T>(call: Omit<Call, "accept">): Promise<T> {
    const response = await send(this.#connection, { ...call, accept: "application/json" });
    return (await response.json()) as T;
  }
}
