import { inject } from "vitest";
import { fetchWorker } from "./conformance.ts";
import { fault, proxyStats } from "./proxy.ts";

/** Sends a request through the Worker's real `fetch` handler (a JSON 200 is checked against /openapi.json). */
export function request(path: string, init: RequestInit = {}): Promise<Response> {
  return fetchWorker(new Request(`https://api.test${path}`, init));
}

export function keyFor(organizationId: string): string {
  const key = inject("apiKeys")[organizationId];
  if (!key) throw new Error(`no test key for ${organizationId}`);
  return key;
}

/** GET /org/:org/contact/query with the org's own key and the given parameters. */
export function query(
  organizationId: string,
  params: Record<string, string> | string = {},
  key = keyFor(organizationId),
) {
  const search = typeof params === "string" ? params : new URLSearchParams(params).toString();
  return request(`/org/${organizationId}/contact/query${search ? `?${search}` : ""}`, {
    headers: { Authorization: `Bearer ${key}` },
  });
}

export function postQuery(organizationId: string, body: unknown, key = keyFor(organizationId)) {
  return request(`/org/${organizationId}/contact/query`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Statements the database has been sent so far by this project's Worker, counted by the proxy. */
export async function statementCount(): Promise<number> {
  return (await proxyStats()).statements;
}

/** Database round trips so far: WebSocket statements plus HTTP requests. */
export async function roundTripCount(): Promise<number> {
  return (await proxyStats()).roundTrips;
}

export async function setDatabaseDown(down: boolean): Promise<void> {
  await fault(down ? "down" : "up");
}

export interface Page {
  data: Record<string, unknown>[];
  page_number: number;
  page_size: number;
  total_count: number;
}
