import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../../src/env.ts";
import { ORG_ALPHA, ORG_BETA } from "../fixtures/contacts.ts";
import { checkConformance } from "../support/conformance.ts";
import { scratchOrganization } from "../support/db-write.ts";
import { keyFor, request, setDatabaseDown } from "../support/http.ts";
import { bothForms, type Expected, PROBLEM_ACCEPT, type Send, sending } from "../support/problem.ts";
import { fault } from "../support/proxy.ts";
import { requestWith, testBindings } from "../support/worker-env.ts";

/**
 * Every error code the Worker answers, through its real `fetch`, in both
 * media types: with `Accept` preferring `application/problem+json` the error
 * is RFC 9457 problem details whose `detail` is exactly the JSON string the
 * same request gets otherwise, with the code's fixed `type` and `title`, and
 * its `param`, `position` and `hint`. Every problem answer is also checked
 * against the operation's problem schema in /openapi.json (conformance.ts).
 */
const auth = (organizationId = ORG_ALPHA) => ({ Authorization: `Bearer ${keyFor(organizationId)}` });

afterEach(() => {
  vi.restoreAllMocks();
});

const QUERY = `/org/${ORG_ALPHA}/contact/query`;
const query = (search: string, organizationId = ORG_ALPHA) =>
  sending(`/org/${ORG_ALPHA}/contact/query?${search}`, { headers: auth(organizationId) });
const post = (body: string, search = "") =>
  sending(`${QUERY}${search}`, { method: "POST", headers: { ...auth(), "Content-Type": "application/json" }, body });
const q = (filter: string, more = "") => query(`q=${encodeURIComponent(filter)}${more}`);

describe("every 400 code, in both forms", () => {
  const cases: [string, Send, Expected][] = [
    [
      "an unknown parameter",
      query("pageSize=10"),
      {
        status: 400,
        code: "unknown_parameter",
        param: "pageSize",
        hint: "expected page_size, page_number, q, qs, s, ss, page_token, count, fields or search",
      },
    ],
    ["a query string on a POST", post("{}", "?q=x"), { status: 400, code: "unknown_parameter", param: "q" }],
    [
      "a repeated parameter",
      query("page_size=1&page_size=2"),
      { status: 400, code: "repeated_parameter", param: "page_size" },
    ],
    ["an invalid value", query("page_size=0"), { status: 400, code: "invalid_parameter", param: "page_size" }],
    ["a body that is not an object", post("[1, 2]"), { status: 400, code: "invalid_body", param: "body" }],
    ["a body that is not JSON", post("not json"), { status: 400, code: "invalid_body", param: "body" }],
    [
      "a syntax error",
      q('(= name "Ada"'),
      { status: 400, code: "syntax_error", param: "q", position: { line: 1, column: 14 } },
    ],
    [
      "an unknown operator",
      q('(equals name "x")'),
      {
        status: 400,
        code: "unknown_operator",
        param: "q",
        position: { line: 1, column: 2 },
        hint: "did you mean 'eq'?",
      },
    ],
    [
      "a wrong number of arguments",
      q('(between name "a")'),
      { status: 400, code: "wrong_argument_count", param: "q", position: { line: 1, column: 1 } },
    ],
    [
      "an unknown field in LISP",
      q('(= emial "x")'),
      {
        status: 400,
        code: "unknown_field",
        param: "q",
        position: { line: 1, column: 4 },
        hint: "did you mean 'email_address'?",
      },
    ],
    [
      "an unknown field in JSON",
      q('["=", "nme", "x"]', "&qs=json"),
      { status: 400, code: "unknown_field", param: "q", position: { pointer: "/1" }, hint: "did you mean 'name'?" },
    ],
    [
      "an unknown sort field",
      query("s=-nmae"),
      {
        status: 400,
        code: "unknown_field",
        param: "s",
        position: { line: 1, column: 1 },
        hint: "did you mean 'name'?",
      },
    ],
    [
      "an unknown projected field",
      query("fields=name,emial"),
      {
        status: 400,
        code: "unknown_field",
        param: "fields",
        position: { line: 1, column: 6 },
        hint: "did you mean 'email_address'?",
      },
    ],
    [
      "a type mismatch",
      q("(> name 3)"),
      { status: 400, code: "type_mismatch", param: "q", position: { line: 1, column: 9 } },
    ],
    [
      "an impossible timestamp",
      q('(> creation_time "2024-02-30")'),
      { status: 400, code: "invalid_value", param: "q", position: { line: 1, column: 18 } },
    ],
    [
      "a limit",
      query(`q=${encodeURIComponent(`(in name (${'"a" '.repeat(1001)}))`)}`),
      { status: 400, code: "limit_exceeded", param: "q", position: { line: 1, column: 10 } },
    ],
    [
      "an invalid page token",
      query("page_token=not-a-token"),
      {
        status: 400,
        code: "invalid_page_token",
        param: "page_token",
        hint: "start the walk again without page_token",
      },
    ],
  ];
  for (const [what, send, expected] of cases) {
    it(`${what}: ${expected.code}`, async () => {
      await bothForms(send, expected);
    });
  }

  it("a page token of another walk: page_token_mismatch", async () => {
    const first = (await (await request(`${QUERY}?page_size=1&s=name`, { headers: auth() })).json()) as {
      next_page_token: string;
    };
    const { plain } = await bothForms(query(`s=-name&page_token=${encodeURIComponent(first.next_page_token)}`), {
      status: 400,
      code: "page_token_mismatch",
      param: "page_token",
    });
    expect(plain).toBe("page_token: does not match q and s");
  });

  it("the other endpoints: an export, facets", async () => {
    const exportPath = `/org/${ORG_ALPHA}/contact/export?q=${encodeURIComponent('(= info.partner "aws")')}`;
    await bothForms(sending(exportPath, { headers: auth() }), {
      status: 400,
      code: "invalid_value",
      param: "q",
      position: { line: 1, column: 17 },
      hint: 'did you mean "AWS"?',
    });
    await bothForms(sending(`/org/${ORG_ALPHA}/contact/facets?facet=partner`, { headers: auth() }), {
      status: 400,
      code: "unknown_field",
      param: "facet",
      position: { line: 1, column: 1 },
      hint: "did you mean 'info.partner'?",
    });
  });
});

describe("every other status, in both forms", () => {
  it("401, 403", async () => {
    await bothForms(sending(QUERY), { status: 401, code: "unauthenticated" });
    await bothForms(sending(QUERY, { headers: { Authorization: "Bearer cq_nope" } }), {
      status: 401,
      code: "unauthenticated",
    });
    await bothForms(query("", ORG_BETA), { status: 403, code: "forbidden" });
  });

  it("404 and 405, on API paths and on the docs' own", async () => {
    await bothForms(sending("/nope"), { status: 404, code: "not_found" });
    const { headers } = await bothForms(sending(QUERY, { method: "DELETE", headers: auth() }), {
      status: 405,
      code: "method_not_allowed",
    });
    expect(headers.get("Allow")).toBe("GET, POST");
    await bothForms(sending("/", { method: "POST" }), { status: 405, code: "method_not_allowed" });
    await bothForms(sending("/docs/errors", { method: "PUT" }), { status: 405, code: "method_not_allowed" });
  });

  it("413", async () => {
    await bothForms(post(JSON.stringify({ q: "x".repeat(70_000) })), {
      status: 413,
      code: "payload_too_large",
      param: "body",
    });
  });

  it("503 while the database is down, and for a statement past its time", async () => {
    const fresh = () => q(`(= name "problem-${Date.now()}-${Math.random()}")`);
    await setDatabaseDown(true);
    try {
      const { headers } = await bothForms(fresh(), { status: 503, code: "database_unavailable" });
      expect(Number(headers.get("Retry-After"))).toBeGreaterThan(0);
    } finally {
      await setDatabaseDown(false);
    }
    await fault("slow", { ms: 4500 });
    try {
      await bothForms(fresh(), { status: 503, code: "query_timed_out" });
    } finally {
      await fault("reset");
    }
  });
});

describe("statuses reached through other bindings", () => {
  /** `requestWith` goes around the conformance check of `request`: it is made here. */
  const sendingWith =
    (overrides: Partial<Env>, path: string, init: RequestInit = {}): Send =>
    async (accept) => {
      const headers = new Headers(init.headers);
      if (accept !== undefined) headers.set("Accept", accept);
      const response = await requestWith(overrides, path, { ...init, headers });
      await checkConformance(new Request(`https://api.test${path}`, { ...init, headers }), response);
      return response;
    };

  it("429, with its headers", async () => {
    const { organizationId, key } = await scratchOrganization("problem");
    const limited: Partial<Env> = {
      KEY_RATE_LIMITER: testBindings.TEST_KEY_RATE_LIMITER,
      KEY_RATE_LIMIT: "5",
      KEY_RATE_PERIOD: "10",
    };
    const path = `/org/${organizationId}/contact/query`;
    const init = { headers: { Authorization: `Bearer ${key}` } };
    // miniflare's windows are aligned to the clock: start with room for the burst.
    const left = 10_000 - (Date.now() % 10_000);
    if (left < 3000) await new Promise((resolve) => setTimeout(resolve, left + 50));
    for (let i = 0; i < 5; i++) await requestWith(limited, path, init);
    const { headers } = await bothForms(sendingWith(limited, path, init), { status: 429, code: "rate_limited" });
    expect(headers.get("Retry-After")).toBe("10");
  });

  it("501 without the cache generations binding, 503 when it refuses writes", async () => {
    const path = `/org/${ORG_ALPHA}/contact/cache/purge`;
    const init = { method: "POST", headers: auth() };
    await bothForms(sendingWith({ CACHE_GENERATIONS: undefined }, path, init), { status: 501, code: "not_configured" });
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const refusing = {
      get: async () => null,
      put: async () => {
        throw new Error("KV PUT failed: 503 Service Unavailable");
      },
    } as unknown as KVNamespace;
    await bothForms(sendingWith({ CACHE_GENERATIONS: refusing }, path, init), {
      status: 503,
      code: "dependency_unavailable",
    });
  });
});

describe("which Accept gets problem details", () => {
  const mediaType = async (accept: string | undefined, send = q("(= nme 1)")) =>
    (await send(accept)).headers.get("Content-Type")?.split(";")[0];

  it("a preference for application/problem+json: the explorer's, the SDK's, and by weight", async () => {
    for (const accept of [
      "application/problem+json",
      "application/problem+json, application/json",
      "application/problem+json, application/json;q=0.9",
      "application/json;q=0.8, application/problem+json",
    ]) {
      expect(await mediaType(accept), accept).toBe("application/problem+json");
    }
  });

  it("none, */*, application/*, or application/json first: the JSON string", async () => {
    for (const accept of [
      undefined,
      "*/*",
      "application/*",
      "application/json",
      "application/json, application/problem+json",
      "application/problem+json;q=0.5, application/json",
    ]) {
      expect(await mediaType(accept), accept).toBe("application/json");
    }
  });

  it("an export that asks for CSV or NDJSON gets its errors as problem details too", async () => {
    const send = sending(`/org/${ORG_ALPHA}/contact/export?q=${encodeURIComponent("(= nme 1)")}`, {
      headers: auth(),
    });
    expect(await mediaType("application/problem+json, text/csv", send)).toBe("application/problem+json");
    expect(await mediaType("application/problem+json, application/x-ndjson;q=0.9", send)).toBe(
      "application/problem+json",
    );
    expect(await mediaType("text/csv", send)).toBe("application/json");
  });

  it("a success is the same whatever the Accept", async () => {
    const page = await q("(exists name)")(PROBLEM_ACCEPT);
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toMatch(/^application\/json/);
  });
});
