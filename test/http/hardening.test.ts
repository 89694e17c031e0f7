import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/query/limits.ts";
import { ORG_ALPHA, ORG_BETA } from "../fixtures/contacts.ts";
import { keyFor, postQuery, query, request } from "../support/http.ts";

/**
 * Protections of the HTTP surface that no other file owns: `Vary:
 * Authorization`, the POST body limit.
 */
const vary = (response: Response) => response.headers.get("Vary") ?? "";

describe("Vary: Authorization", () => {
  it("on pages (200), on 304s and on errors under /org/", async () => {
    const page = await query(ORG_ALPHA, { page_size: "46" });
    expect(page.status).toBe(200);
    expect(vary(page)).toMatch(/\bAuthorization\b/);
    const notModified = await request(`/org/${ORG_ALPHA}/contact/query?page_size=46`, {
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}`, "If-None-Match": page.headers.get("ETag") ?? "" },
    });
    expect(notModified.status).toBe(304);
    expect(vary(notModified)).toMatch(/\bAuthorization\b/);
    const answers = [
      await request(`/org/${ORG_ALPHA}/contact/query`), // 401
      await query(ORG_ALPHA, {}, keyFor(ORG_BETA)), // 403
      await query(ORG_ALPHA, { q: "(= nme 1)" }), // 400
      await request(`/org/${ORG_ALPHA}/contact/fields`, { headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` } }),
      await request(`/org/${ORG_ALPHA}/nope`), // 404
    ];
    expect(answers.map((response) => response.status)).toEqual([401, 403, 400, 200, 404]);
    for (const response of answers) expect(vary(response), String(response.status)).toMatch(/\bAuthorization\b/);
  });

  it("not on the public documents, which do not depend on it", async () => {
    expect(vary(await request("/openapi.json"))).not.toMatch(/Authorization/);
  });
});

describe("POST body limit", () => {
  it(`a body over ${LIMITS.maxBodyBytes} bytes is a 413 naming the body and the limit, before it is parsed`, async () => {
    const response = await postQuery(ORG_ALPHA, `{"q": "${"x".repeat(LIMITS.maxBodyBytes)}"}`);
    expect(response.status).toBe(413);
    expect(await response.json()).toBe(`body: larger than ${LIMITS.maxBodyBytes} bytes`);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    // Not JSON at all, and over the limit: still a 413, so the size is checked first.
    expect((await postQuery(ORG_ALPHA, "{".repeat(LIMITS.maxBodyBytes + 1))).status).toBe(413);
    // Exactly at the limit: read (and here refused as a bad filter, a 400).
    const atLimit = `{"q": "${"x".repeat(LIMITS.maxBodyBytes - 9)}"}`;
    expect(new TextEncoder().encode(atLimit).length).toBe(LIMITS.maxBodyBytes);
    expect((await postQuery(ORG_ALPHA, atLimit)).status).toBe(400);
  });
});
