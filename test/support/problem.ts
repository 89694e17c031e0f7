import { expect } from "vitest";
import { ERROR_CODES, type ErrorCode } from "../../src/http/error-codes.ts";
import { request } from "./http.ts";

/**
 * One error asked for in both forms: as the JSON string, and as problem
 * details (RFC 9457) with `Accept` preferring them, each checked against
 * the other — the same status and headers, `detail` exactly the string.
 */
export const PROBLEM_ACCEPT = "application/problem+json, application/json";

export interface Expected {
  status: number;
  code: ErrorCode;
  param?: string | null;
  position?: { line: number; column: number } | { pointer: string } | null;
  hint?: string | null;
}

export type Send = (accept: string | undefined) => Promise<Response>;

/** A request through the Worker, with `accept` added to its headers. */
export const sending =
  (path: string, init: RequestInit = {}): Send =>
  (accept) => {
    const headers = new Headers(init.headers);
    if (accept !== undefined) headers.set("Accept", accept);
    return request(path, { ...init, headers });
  };

/** Sends the request twice, as a string error and as problem details, and checks each against the other. */
export async function bothForms(send: Send, expected: Expected) {
  const plainResponse = await send(undefined);
  const problemResponse = await send(PROBLEM_ACCEPT);
  for (const response of [plainResponse, problemResponse]) {
    expect(response.status).toBe(expected.status);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Vary")).toMatch(/\bAccept\b/);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  }
  expect(plainResponse.headers.get("Content-Type")).toMatch(/^application\/json/);
  expect(problemResponse.headers.get("Content-Type")).toBe("application/problem+json");
  const plain = (await plainResponse.json()) as unknown;
  expect(typeof plain).toBe("string");
  const problem = (await problemResponse.json()) as Record<string, unknown>;
  expect(problem).toEqual({
    type: `/docs/errors#${expected.code}`,
    title: ERROR_CODES[expected.code].title,
    status: expected.status,
    detail: plain,
    code: expected.code,
    param: expected.param ?? null,
    position: expected.position ?? null,
    hint: expected.hint ?? null,
  });
  if (expected.hint) expect(plain).toContain(`(${expected.hint})`);
  return { plain: plain as string, problem, headers: problemResponse.headers };
}
