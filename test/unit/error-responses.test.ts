import { HTTPException } from "hono/http-exception";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  DatabaseUnavailable,
  Forbidden,
  InvalidRequest,
  NotConfigured,
  PayloadTooLarge,
  QueryTimedOut,
  Unauthenticated,
} from "../../src/domain/errors.ts";
import { createApp } from "../../src/http/app.ts";
import { methodNotAllowed } from "../../src/http/error-response.ts";
import { QueryError } from "../../src/query/errors.ts";

/**
 * The one mapping from errors to responses (src/http/error-response.ts), through an app
 * made by the same factory as the Worker's, in plain Node: each error thrown
 * by a handler gives its status, its JSON-string body and its headers.
 */
function appThrowing(error: unknown) {
  const app = createApp([]);
  app.get("/boom", () => {
    throw error;
  });
  app.all("/only-get-post", methodNotAllowed("GET", "POST"));
  return app;
}

async function answer(error: unknown, path = "/boom", method = "GET") {
  const response = await appThrowing(error).request(`http://api.test${path}`, { method });
  return { status: response.status, body: (await response.json()) as unknown, headers: response.headers };
}

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined); // the request log
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("error responses", () => {
  it.each([
    [new QueryError("q", "syntax", "expected ')'", { line: 1, column: 3 }), 400, "q: expected ')' at line 1, column 3"],
    [
      new InvalidRequest("page_size", "must be an integer between 1 and 1000"),
      400,
      "page_size: must be an integer between 1 and 1000",
    ],
    [new InvalidRequest(undefined, "body: must be a JSON object"), 400, "body: must be a JSON object"],
    [new PayloadTooLarge(65536), 413, "body: larger than 65536 bytes"],
    [
      new Forbidden("this API key does not belong to the requested organization"),
      403,
      "this API key does not belong to the requested organization",
    ],
    [new NotConfigured("cache purge is not configured"), 501, "cache purge is not configured"],
    [
      new HTTPException(400, { message: "Malformed JSON in request body" }),
      400,
      "body: Malformed JSON in request body",
    ],
    [new HTTPException(415), 415, "body: malformed request"],
  ] as const)("%s → %i", async (error, status, body) => {
    const response = await answer(error);
    expect(response).toMatchObject({ status, body });
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  });

  it("401 challenges the client, naming invalid_token when a key was presented", async () => {
    const missing = await answer(new Unauthenticated("missing API key"));
    expect(missing.status).toBe(401);
    expect(missing.headers.get("WWW-Authenticate")).toBe('Bearer realm="contact-query"');
    const invalid = await answer(new Unauthenticated("invalid or revoked API key", "invalid_token"));
    expect(invalid.headers.get("WWW-Authenticate")).toBe('Bearer realm="contact-query", error="invalid_token"');
  });

  it("503 for an unavailable database and for a timeout, with Retry-After", async () => {
    for (const [error, body] of [
      [new DatabaseUnavailable("database unavailable; retry later"), "database unavailable; retry later"],
      [new QueryTimedOut(), "database query timed out; retry later"],
    ] as const) {
      const response = await answer(error);
      expect(response).toMatchObject({ status: 503, body });
      expect(response.headers.get("Retry-After")).toBe("5");
      expect(response.headers.get("Cache-Control")).toBe("no-store");
    }
  });

  it("404 for an unknown path and 405 with Allow for another method", async () => {
    expect(await answer(undefined, "/nope", "DELETE")).toMatchObject({
      status: 404,
      body: "no route for DELETE /nope",
    });
    const response = await answer(undefined, "/only-get-post", "PUT");
    expect(response).toMatchObject({ status: 405, body: "method PUT not allowed; use GET or POST" });
    expect(response.headers.get("Allow")).toBe("GET, POST");
  });

  it("anything else is a 500 that says nothing, logged by name and SQLSTATE only", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const bug = Object.assign(new Error("relation contacts: SELECT secret FROM postgresql://user:pw@host"), {
      code: "42P01",
    });
    const response = await answer(bug);
    expect(response).toMatchObject({ status: 500, body: "internal error" });
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(logged).toHaveBeenCalledWith(
      JSON.stringify({ level: "error", message: "unhandled error", error: "Error", code: "42P01" }),
    );
  });
});
