import { expect } from "vitest";
import { ContactQueryClient, type ContactQueryClientOptions, ContactQueryError } from "../../sdk/src/index.ts";
import { buildFilter } from "../../src/query/build-filter.ts";
import { readLisp } from "../../src/query/lisp.ts";
import { parseSimpleSort } from "../../src/query/sort.ts";
import { ALL_FIXTURES, GENERATED_ORG } from "../fixtures/contacts.ts";
import { referenceQuery } from "../reference/evaluate.ts";
import { fetchWorker } from "./conformance.ts";
import { keyFor } from "./http.ts";

/**
 * The SDK (sdk/src/) bound to one organization of the test database, talking
 * to the Worker's real `fetch` handler inside workerd. `calls` records the
 * method and URL of every request it sends, so tests can see GET vs POST and
 * how many tries a retry took.
 */
export interface RecordedCall {
  method: string;
  url: string;
  body: string | undefined;
  status: number;
}

/** The Worker's own `fetch` handler, as a `fetch` function (a JSON 200 is checked against /openapi.json). */
export function workerFetch(input: string, init: RequestInit): Promise<Response> {
  return fetchWorker(new Request(input, init));
}

export function sdkClient(
  organizationId: string,
  options: Partial<ContactQueryClientOptions> & { send?: (input: string, init: RequestInit) => Promise<Response> } = {},
): { client: ContactQueryClient; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const send = options.send ?? workerFetch;
  const client = new ContactQueryClient({
    baseUrl: "https://api.test/",
    organizationId,
    ...options,
    apiKey: options.apiKey ?? keyFor(organizationId),
    fetch: async (input, init) => {
      const response = await send(input, init);
      calls.push({
        method: init.method ?? "GET",
        url: input,
        body: typeof init.body === "string" ? init.body : undefined,
        status: response.status,
      });
      return response;
    },
  });
  return { client, calls };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** The generated organization's contacts a LISP filter matches, in a simple sort's order, by the reference evaluator. */
export function referenceRows(lisp: string, sort: string) {
  return referenceQuery(ALL_FIXTURES, GENERATED_ORG, buildFilter(readLisp(lisp), "lisp"), parseSimpleSort(sort));
}

/** The `ContactQueryError` a promise rejects with (failing the test if it resolves or rejects with anything else). */
export async function thrown(promise: Promise<unknown>): Promise<ContactQueryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ContactQueryError);
  return error as ContactQueryError;
}
