import { errorFromResponse } from "./errors.js";
import { jsonBody, queryString, type WireParams } from "./requests.js";
import { RETRY_STATUSES, retryDelayMs, sleep } from "./retry.js";

/**
 * One call to the service: the URL, the key, the choice of GET or POST, the
 * retries, and the turning of an error answer into a `ContactQueryError`.
 */

/** The `fetch` the client calls: the global one by default; any function of this shape (a Worker's service binding, a test's). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface Connection {
  baseUrl: string;
  apiKey: string;
  organizationId: string;
  fetch: FetchFunction;
  retries: number;
  maxRetryDelayMs: number;
}

export interface Call {
  endpoint: "query" | "export" | "facets" | "fields" | "cache/purge";
  /** A read sends its parameters in the URL while it stays short, else as a JSON body; a write always POSTs. */
  kind: "read" | "write";
  params?: WireParams;
  /** The media type of a success; error answers are asked for as problem details. */
  accept: string;
  signal?: AbortSignal | undefined;
}

/** Longer URLs go as a POST body: some proxies and browsers refuse URLs beyond about 2,000 characters. */
const MAX_URL_LENGTH = 2000;

/**
 * Sends a call and returns its successful answer (body unread), or throws a
 * `ContactQueryError`. A read whose answer is a 429 or 503 is tried again,
 * up to `connection.retries` times, as the answer's `Retry-After` says.
 */
export async function send(connection: Connection, call: Call): Promise<Response> {
  const request = prepare(connection, call);
  for (let retry = 0; ; retry++) {
    const response = await connection.fetch(request.url, request.init);
    if (response.ok) return response;
    if (call.kind === "read" && retry < connection.retries && RETRY_STATUSES.has(response.status)) {
      const error = await errorFromResponse(response);
      const delay = retryDelayMs(retry, error.retryAfter, connection.maxRetryDelayMs);
      if (delay === undefined) throw error;
      await sleep(delay, call.signal);
      continue;
    }
    throw await errorFromResponse(response);
  }
}

function prepare(connection: Connection, call: Call): { url: string; init: RequestInit } {
  const base = `${connection.baseUrl.replace(/\/+$/, "")}/org/${encodeURIComponent(connection.organizationId)}/contact/${call.endpoint}`;
  const headers: Record<string, string> = {
    Authorization: `Bearer ${connection.apiKey}`,
    Accept: `application/problem+json, ${call.accept};q=0.9`,
  };
  const init: RequestInit = { method: "GET", headers, ...(call.signal ? { signal: call.signal } : {}) };
  const params = call.params ?? {};
  const url = `${base}${queryString(params)}`;
  if (call.kind === "read" && url.length <= MAX_URL_LENGTH) return { url, init };
  init.method = "POST";
  if (Object.keys(params).length > 0) {
    headers["Content-Type"] = "application/json";
    init.body = jsonBody(params);
  }
  return { url: base, init };
}
