import { HTTPException } from "hono/http-exception";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  DatabaseUnavailable,
  DependencyUnavailable,
  Forbidden,
  InvalidRequest,
  NotConfigured,
  PayloadTooLarge,
  QueryTimedOut,
  RateLimited,
  Unauthenticated,
} from "../../src/domain/errors.ts";
import { createApp } from "../../src/http/app.ts";
import { ERROR_CODES, type ErrorCode } from "../../src/http/error-codes.ts";
import { methodNotAllowed } from "../../src/http/error-response.ts";
import { QueryError } from "../../src/query/query-error.ts";

/**
 * The one mapping from errors to responses (src/http/error-response.ts), through an app
 * made by the same factory as the Worker's, in plain Node: each error thrown
 * by a handler gives its status, its JSON-string body and its headers, and,
 * when `Accept` prefers them, the same error as problem details.
 */
function appThrowing(error: unknown) {
  const app = createApp([]);
  app.get("/boom", () => {
    throw error;
  });
  app.all("/only-get-post", methodNotAllowed("GET", "POST"));
  return app;
}

async function answer(error: unknown, path = "/boom", method = "GET", accept?: string) {
  const headers: Record<string, string> = accept === undefined ? {} : { Accept: accept };
  const response = await appThrowing(error).request(`http://api.test${path}`, { method, headers });
  return { status: response.status, body: (await response.json()) as unknown, headers: response.headers };
}

const PROBLEM = "application/problem+json, application/json";

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

  it("every error, 5xx included, as problem details when Accept prefers them, the detail the string body", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const cases: [unknown, string, Record<string, unknown>][] = [
      [
        new QueryError("q", "unknown-field", "unknown field 'nme'", { line: 1, column: 4 }, "did you mean 'name'?"),
        "/boom",
        {
          status: 400,
          code: "unknown_field",
          param: "q",
          position: { line: 1, column: 4 },
          hint: "did you mean 'name'?",
        },
      ],
      [
        new QueryError("q", "syntax", "expected ')'", { pointer: "/1" }),
        "/boom",
        { status: 400, code: "syntax_error", param: "q", position: { pointer: "/1" }, hint: null },
      ],
      [
        new InvalidRequest("pageSize", "unknown parameter", { reason: "unknown-parameter", hint: "expected q or s" }),
        "/boom",
        { status: 400, code: "unknown_parameter", param: "pageSize", position: null, hint: "expected q or s" },
      ],
      [
        new InvalidRequest("page_size", "given more than once", { reason: "repeated-parameter" }),
        "/boom",
        { status: 400, code: "repeated_parameter", param: "page_size", position: null, hint: null },
      ],
      [
        new InvalidRequest("page_size", "must be an integer between 1 and 1000"),
        "/boom",
        { status: 400, code: "invalid_parameter", param: "page_size", position: null, hint: null },
      ],
      [
        new InvalidRequest(undefined, "body: must be a JSON object", { reason: "invalid-body" }),
        "/boom",
        { status: 400, code: "invalid_body", param: "body", position: null, hint: null },
      ],
      [
        new HTTPException(400, { message: "Malformed JSON in request body" }),
        "/boom",
        { status: 400, code: "invalid_body", param: "body" },
      ],
      [new PayloadTooLarge(65536), "/boom", { status: 413, code: "payload_too_large", param: "body" }],
      [new Unauthenticated("missing API key"), "/boom", { status: 401, code: "unauthenticated", param: null }],
      [new Forbidden("another organization"), "/boom", { status: 403, code: "forbidden" }],
      [new NotConfigured("cache purge is not configured"), "/boom", { status: 501, code: "not_configured" }],
      [
        new DatabaseUnavailable("database unavailable; retry later"),
        "/boom",
        { status: 503, code: "database_unavailable" },
      ],
      [new QueryTimedOut(), "/boom", { status: 503, code: "query_timed_out" }],
      [
        new DependencyUnavailable("cache generations unavailable"),
        "/boom",
        { status: 503, code: "dependency_unavailable" },
      ],
      [
        new RateLimited("rate limit exceeded", { name: "per-key", limit: 5, periodSeconds: 10 }),
        "/boom",
        { status: 429, code: "rate_limited" },
      ],
      [new Error("a bug"), "/boom", { status: 500, code: "internal_error", param: null, position: null, hint: null }],
      [undefined, "/nope", { status: 404, code: "not_found" }],
    ];
    for (const [error, path, expected] of cases) {
      const plain = await answer(error, path);
      const problem = await answer(error, path, "GET", PROBLEM);
      const code = expected.code as ErrorCode;
      expect(problem.headers.get("Content-Type")).toBe("application/problem+json");
      expect(problem.headers.get("Cache-Control")).toBe("no-store");
      expect(problem.headers.get("Vary")).toMatch(/\bAccept\b/);
      expect(plain.headers.get("Vary")).toMatch(/\bAccept\b/);
      expect(problem.body).toMatchObject({
        type: `/docs/errors#${code}`,
        title: ERROR_CODES[code].title,
        detail: plain.body,
        ...expected,
      });
      expect(Object.keys(problem.body as object).sort()).toEqual([
        "code",
        "detail",
        "hint",
        "param",
        "position",
        "status",
        "title",
        "type",
      ]);
      expect(problem.status).toBe(expected.status);
    }
  });

  it("keeps the JSON string unless Accept prefers problem details", async () => {
    const error = new QueryError("q", "syntax", "expected ')'", { line: 1, column: 3 });
    const media = async (accept?: string) =>
      (
        await appThrowing(error).request(
          "http://api.test/boom",
          accept === undefined ? {} : { headers: { Accept: accept } },
        )
      ).headers
        .get("Content-Type")
        ?.split(";")[0];
    for (const accept of [
      "application/problem+json",
      "application/problem+json, application/json",
      "application/problem+json, application/json;q=0.9",
      "application/json;q=0.5, application/problem+json",
      "application/problem+json, text/csv;q=0.9",
      "application/problem+json, application/x-ndjson",
    ]) {
      expect(await media(accept), accept).toBe("application/problem+json");
    }
    for (const accept of [
      undefined,
      "*/*",
      "application/*",
      "application/json",
      "application/json, application/problem+json",
      "application/problem+json;q=0.5, application/json",
      "text/html,application/xhtml+xml,*/*;q=0.8",
      "text/csv",
    ]) {
      expect(await media(accept), accept).toBe("application/json");
    }
  });
});
