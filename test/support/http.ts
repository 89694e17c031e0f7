import { exports } from "cloudflare:workers";
import { inject } from "vitest";

/** Sends a request through the Worker's real `fetch` handler. */
export function request(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`https://api.test${path}`, init));
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

/** Statements the database has received so far, counted by the bridge. */
export async function statementCount(): Promise<number> {
  const response = await fetch(`${inject("bridgeControl")}/stats`);
  return ((await response.json()) as { statements: number }).statements;
}

export async function setDatabaseDown(down: boolean): Promise<void> {
  await fetch(`${inject("bridgeControl")}/${down ? "down" : "up"}`);
}

export interface Page {
  data: Record<string, unknown>[];
  page_number: number;
  page_size: number;
  total_count: number;
}
