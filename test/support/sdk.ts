import { ContactQueryClient, type ContactQueryClientOptions } from "../../sdk/src/index.ts";
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
