import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/dev/paths.ts";
import { sdkGeneratedSources } from "../../scripts/generate/sdk-generated.ts";
import { errorFromResponse } from "../../sdk/src/errors.ts";
import { f, toLisp } from "../../sdk/src/filter.ts";
import { jsonBody, queryString, wireParams } from "../../sdk/src/requests.ts";
import { parseRetryAfter, retryDelayMs } from "../../sdk/src/retry.ts";

/** The SDK's parts that need no service: generated sources, the wire form, retry timing, error reading. */
describe("the SDK's generated sources", () => {
  it("are current (npm run sdk:generate rewrites them)", () => {
    for (const [path, source] of Object.entries(sdkGeneratedSources())) {
      expect(readFileSync(join(REPO_ROOT, path), "utf8") === source, `${path} is stale: run npm run sdk:generate`).toBe(
        true,
      );
    }
  });
});

describe("retry timing", () => {
  it("waits as Retry-After says, plus up to 10% (at least 100 ms, at most 1 s) of jitter", () => {
    expect(retryDelayMs(0, 5, 60_000, 0)).toBe(5000);
    expect(retryDelayMs(0, 5, 60_000, 0.999)).toBeCloseTo(5499.5);
    expect(retryDelayMs(1, 0, 60_000, 0.5)).toBe(50);
    expect(retryDelayMs(0, 30, 60_000, 0.999)).toBeCloseTo(30_999);
  });

  it("does not wait beyond the cap: the error is thrown instead", () => {
    expect(retryDelayMs(0, 61, 60_000, 0)).toBeUndefined();
    expect(retryDelayMs(0, 10, 2000, 0)).toBeUndefined();
  });

  it("without Retry-After, backs off exponentially with jitter, capped", () => {
    expect([retryDelayMs(0, null, 60_000, 0), retryDelayMs(0, null, 60_000, 0.999)]).toEqual([250, 499.75]);
    expect(retryDelayMs(3, null, 60_000, 0)).toBe(2000);
    expect(retryDelayMs(20, null, 8000, 0.999)).toBeLessThan(8000);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:12 GMT", now)).toBe(12);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe("error answers", () => {
  const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
    new Response(body, { status, headers });

  it("problem details fill every field", async () => {
    const problem = {
      type: "/docs/errors#unknown_field",
      title: "Unknown field",
      status: 400,
      detail: "q: unknown field 'emial' at line 1, column 4 (did you mean 'email_address'?)",
      code: "unknown_field",
      param: "q",
      position: { line: 1, column: 4 },
      hint: "did you mean 'email_address'?",
    };
    const error = await errorFromResponse(
      answer(400, JSON.stringify(problem), { "Content-Type": "application/problem+json" }),
    );
    expect({ ...error, message: error.message }).toEqual({
      ...problem,
      retryAfter: null,
      name: "ContactQueryError",
      message: problem.detail,
    });
    const pointer = await errorFromResponse(answer(400, JSON.stringify({ ...problem, position: { pointer: "/1" } })));
    expect(pointer.position).toEqual({ pointer: "/1" });
  });

  it("a string body fills detail, and param from its prefix for a client mistake", async () => {
    const error = await errorFromResponse(
      answer(400, JSON.stringify("page_size: must be an integer between 1 and 1000")),
    );
    expect([error.detail, error.param, error.code, error.hint, error.position]).toEqual([
      "page_size: must be an integer between 1 and 1000",
      "page_size",
      null,
      null,
      null,
    ]);
    const limited = await errorFromResponse(
      answer(429, JSON.stringify("rate limit exceeded: retry later"), { "Retry-After": "10" }),
    );
    expect([limited.param, limited.retryAfter]).toEqual([null, 10]);
    expect((await errorFromResponse(answer(502, "<html>bad gateway</html>"))).detail).toBe("<html>bad gateway</html>");
    expect((await errorFromResponse(answer(500, ""))).detail).toBe("HTTP 500");
  });
});

describe("the wire form of a request", () => {
  it("a built filter travels as JSON, sort keys as simple text in a URL and JSON in a body", () => {
    const wire = wireParams({
      q: f.has("tags", "vip"),
      qs: "lisp",
      s: [{ field: "name" }, { field: "creation_time", order: "desc" }],
      page_size: 5,
      fields: ["name", "info.partner"],
      page_token: undefined,
      count: null,
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
    expect(queryString(wire)).toBe(
      `?q=${encodeURIComponent('["has","tags","vip"]')}&qs=json&s=${encodeURIComponent("name:asc,creation_time:desc")}&ss=simple&page_size=5&fields=${encodeURIComponent("name,info.partner")}`,
    );
    expect(JSON.parse(jsonBody(wire))).toEqual({
      q: ["has", "tags", "vip"],
      qs: "json",
      s: [
        { field: "name", order: "asc" },
        { field: "creation_time", order: "desc" },
      ],
      ss: "json",
      page_size: 5,
      fields: ["name", "info.partner"],
    });
  });

  it("filter text keeps its syntax; stats and histograms are comma-separated text everywhere", () => {
    const wire = wireParams({ q: '["exists","name"]', qs: "json", stats: ["a", "b"], histogram: ["c:day"] });
    expect(JSON.parse(jsonBody(wire))).toEqual({
      q: '["exists","name"]',
      qs: "json",
      stats: "a,b",
      histogram: "c:day",
    });
  });

  it("prints a hand-written filter whose operator it does not know", () => {
    expect(toLisp(["eq", "name", "x"] as never)).toBe('(eq "name" "x")');
  });
});

describe("the SDK's README", () => {
  it("shows each example as the file CI compiles and runs, verbatim", () => {
    const readme = readFileSync(join(REPO_ROOT, "sdk/README.md"), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    const examples = readdirSync(join(REPO_ROOT, "sdk/examples")).filter((name) => name.endsWith(".ts"));
    expect(examples.length).toBeGreaterThan(5);
    for (const name of examples) {
      const source = readFileSync(join(REPO_ROOT, "sdk/examples", name), "utf8");
      expect(blocks.filter((block) => block === source).length, `examples/${name} in the README`).toBe(1);
    }
    expect(blocks).toHaveLength(examples.length);
  });
});
