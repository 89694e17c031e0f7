import { readApiError } from "./problem.ts";
import { type ExportFormat, endpointPath, type Params, withParams } from "./requests.ts";
import type { Catalog, ContactPage, FacetsAnswer } from "./types.ts";

/**
 * The API, as this page calls it: same origin, the key as a bearer token, and
 * errors asked for as problem details (a server that does not know them
 * answers with its JSON string body, which `readApiError` reads as well).
 */
export interface Credentials {
  key: string;
  org: string;
}

const ACCEPT_JSON = "application/problem+json, application/json";
const ACCEPT_EXPORT: Record<ExportFormat, string> = {
  csv: "application/problem+json, text/csv",
  ndjson: "application/problem+json, application/x-ndjson",
};

async function call(url: string, credentials: Credentials, accept: string, signal?: AbortSignal): Promise<Response> {
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${credentials.key}`, Accept: accept },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw await readApiError(response);
  return response;
}

export async function getFields(credentials: Credentials, signal?: AbortSignal): Promise<Catalog> {
  const response = await call(endpointPath(credentials.org, "fields"), credentials, ACCEPT_JSON, signal);
  const body = (await response.json()) as Partial<Catalog>;
  return { fields: body.fields ?? [], operators: body.operators ?? [] };
}

export async function getPage(credentials: Credentials, params: Params, signal?: AbortSignal): Promise<ContactPage> {
  const url = withParams(endpointPath(credentials.org, "query"), params);
  return (await (await call(url, credentials, ACCEPT_JSON, signal)).json()) as ContactPage;
}

export async function getFacets(credentials: Credentials, params: Params, signal?: AbortSignal): Promise<FacetsAnswer> {
  const url = withParams(endpointPath(credentials.org, "facets"), params);
  return (await (await call(url, credentials, ACCEPT_JSON, signal)).json()) as FacetsAnswer;
}

/** The export's response, its body not read yet: the caller streams it. */
export function startExport(
  credentials: Credentials,
  params: Params,
  format: ExportFormat,
  signal: AbortSignal,
): Promise<Response> {
  const url = withParams(endpointPath(credentials.org, "export"), params);
  return call(url, credentials, ACCEPT_EXPORT[format], signal);
}
