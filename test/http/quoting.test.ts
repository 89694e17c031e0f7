import { afterEach, describe, expect, it, vi } from "vitest";
import { clip, MAX_QUOTED_CHARS } from "../../src/domain/client-text.ts";
import { ORG_ALPHA } from "../fixtures/contacts.ts";
import { keyFor, postQuery, query, request } from "../support/http.ts";

/**
 * Error answers quote at most MAX_QUOTED_CHARS characters of any client text
 * (cut with `…`), every answer says `X-Content-Type-Options: nosniff`, and the
 * request log names the route, never the raw path.
 */
afterEach(() => {
  vi.restoreAllMocks();
});

const HUGE = "x".repeat(120_000);
const auth = { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` };

/** The error message, after checking that it quotes no run of client text longer than the limit. */
async function message(response: Response, client: string): Promise<string> {
  const body = (await response.json()) as string;
  expect(typeof body).toBe("string");
  expect(body).not.toContain(client.slice(0, MAX_QUOTED_CHARS + 1));
  return body;
}

describe("error messages quote at most 100 characters of client text", () => {
  it("cuts with …, counting characters (code points), and leaves short text whole", () => {
    expect(clip("short")).toBe("short");
    expect(clip("y".repeat(100))).toBe("y".repeat(100));
    expect(clip("y".repeat(101))).toBe(`${"y".repeat(100)}…`);
    expect(clip("😀".repeat(100))).toBe("😀".repeat(100));
    expect(clip("😀".repeat(101))).toBe(`${"😀".repeat(100)}…`);
  });

  it.each([
    ["an unknown parameter name", `${HUGE}=1`, (body: string) => expect(body).toMatch(/^x{100}…: unknown parameter/)],
    ["an unknown field", `q=${encodeURIComponent(`(= info.${HUGE.slice(0, 10_000)} "a")`)}`, undefined],
    ["an unknown operator", `q=${encodeURIComponent(`(${HUGE.slice(0, 10_000)} name "a")`)}`, undefined],
    ["a bare word where a value belongs", `q=${encodeURIComponent(`(= name ${HUGE.slice(0, 10_000)})`)}`, undefined],
    ["a number out of range", `q=${encodeURIComponent(`(= name 1${"0".repeat(400)}e99999)`)}`, undefined],
    [
      "an unparsable timestamp",
      `q=${encodeURIComponent(`(> creation_time "2024-01-01${"0".repeat(10_000)}")`)}`,
      undefined,
    ],
    ["a sort order", `s=${encodeURIComponent(`name:${HUGE.slice(0, 10_000)}`)}`, undefined],
    ["a sort field", `s=${encodeURIComponent(HUGE.slice(0, 10_000))}`, undefined],
    ["a projected field", `fields=${encodeURIComponent(`info.${HUGE.slice(0, 10_000)}`)}`, undefined],
  ])("%s", async (_what, search, check) => {
    const response = await request(`/org/${ORG_ALPHA}/contact/query?${search}`, { headers: auth });
    expect(response.status).toBe(400);
    const body = await message(response, HUGE.slice(0, 10_000));
    expect(body).toContain("…");
    expect(body.length).toBeLessThan(600);
    check?.(body);
  });

  it("in a JSON body: a long JSON sort key and a JSON pointer through long keys", async () => {
    const key = "k".repeat(5_000);
    const sortKey = await postQuery(ORG_ALPHA, { ss: "json", s: [{ field: "name", [key]: 1 }] });
    expect(sortKey.status).toBe(400);
    expect(await message(sortKey, key)).toContain("…");
    const pointer = await postQuery(ORG_ALPHA, { qs: "json", q: ["=", "name", { [key]: 1 }] });
    expect(pointer.status).toBe(400);
    await message(pointer, key);
  });

  it("an unknown path (the runtime refuses methods that are not standard before the Worker sees them)", async () => {
    const path = await request(`/${HUGE.slice(0, 10_000)}`);
    expect(path.status).toBe(404);
    expect(await message(path, HUGE.slice(0, 10_000))).toMatch(/^no route for GET \/x{99}…$/);
  });

  it("markup comes back as JSON text, short, never as a page", async () => {
    const response = await query(ORG_ALPHA, { q: '(= <script>alert(1)</script> "a")' });
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});

describe("X-Content-Type-Options: nosniff", () => {
  it("on every answer: pages, 304s, errors, exports, facets, the docs and the OpenAPI document", async () => {
    const page = await query(ORG_ALPHA, { page_size: "47" });
    const answers: [string, Response][] = [
      ["200 page", page],
      [
        "304",
        await request(`/org/${ORG_ALPHA}/contact/query?page_size=47`, {
          headers: { ...auth, "If-None-Match": page.headers.get("ETag") ?? "" },
        }),
      ],
      ["400", await query(ORG_ALPHA, { q: "(= nme 1)" })],
      ["401", await request(`/org/${ORG_ALPHA}/contact/query`)],
      ["404", await request("/nope")],
      ["405", await request(`/org/${ORG_ALPHA}/contact/query`, { method: "DELETE", headers: auth })],
      ["export", await request(`/org/${ORG_ALPHA}/contact/export`, { headers: auth })],
      ["facets", await request(`/org/${ORG_ALPHA}/contact/facets?facet=tags`, { headers: auth })],
      ["/docs", await request("/docs")],
      ["/openapi.json", await request("/openapi.json")],
    ];
    expect(answers.map(([, response]) => response.status)).toEqual([200, 304, 400, 401, 404, 405, 200, 200, 200, 200]);
    for (const [what, response] of answers) {
      expect(response.headers.get("X-Content-Type-Options"), what).toBe("nosniff");
      await response.body?.cancel();
    }
  });
});

describe("request log", () => {
  it("names the route pattern, never the raw path (an unknown path logs no route at all)", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
    const marker = `client-path-${Date.now()}`;
    await request(`/org/${ORG_ALPHA}/contact/query?page_size=48`, { headers: auth });
    await request(`/${marker}/<script>`);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((e) => "route" in e);
    expect(entries.map((entry) => [entry.route, entry.status])).toEqual([
      ["/org/:orgId/contact/query", 200],
      [null, 404],
    ]);
    expect(lines.join("\n")).not.toContain(marker);
    expect(lines.join("\n")).not.toContain(ORG_ALPHA.concat("/contact"));
  });
});
