import { describe, expect, it } from "vitest";
import { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS, CORS_MAX_AGE_SECONDS } from "../../src/http/cors.ts";
import { ORG_ALPHA } from "../fixtures/contacts.ts";
import { keyFor, request } from "../support/http.ts";

/**
 * CORS as a browser on another origin meets it. The test Worker runs with
 * `CORS_ORIGINS = "*"` (wrangler.toml's top level, as `npm run dev`); which
 * origins a list lets in is test/unit/cors.test.ts.
 */
const ORIGIN = "https://app.example.test";
const QUERY = `/org/${ORG_ALPHA}/contact/query`;

describe("CORS", () => {
  it("answers a preflight with 204, the origin, the methods, the request headers and a max age", async () => {
    const response = await request(QUERY, {
      method: "OPTIONS",
      headers: {
        Origin: ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(ORIGIN);
    expect(response.headers.get("Vary")).toMatch(/\bOrigin\b/);
    expect(response.headers.get("Access-Control-Allow-Methods")).toBe("GET,POST");
    expect(response.headers.get("Access-Control-Allow-Headers")).toBe(CORS_ALLOWED_HEADERS.join(","));
    expect(response.headers.get("Access-Control-Max-Age")).toBe(String(CORS_MAX_AGE_SECONDS));
    expect(await response.text()).toBe("");
  });

  it("names the origin and exposes the client's headers on every answer: a page, a 304, errors", async () => {
    const headers = { Origin: ORIGIN, Authorization: `Bearer ${keyFor(ORG_ALPHA)}` };
    const page = await request(`${QUERY}?page_size=1`, { headers });
    expect(page.status).toBe(200);
    const notModified = await request(`${QUERY}?page_size=1`, {
      headers: { ...headers, "If-None-Match": page.headers.get("ETag") ?? "" },
    });
    const answers = [
      page,
      notModified,
      await request(QUERY, { headers: { Origin: ORIGIN } }), // 401
      await request(`${QUERY}?page_size=0`, { headers }), // 400
      await request("/nope", { headers: { Origin: ORIGIN } }), // 404
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 304, 401, 400, 404]);
    for (const answer of answers) {
      expect(answer.headers.get("Access-Control-Allow-Origin"), String(answer.status)).toBe(ORIGIN);
      expect(answer.headers.get("Access-Control-Expose-Headers")?.split(","), String(answer.status)).toEqual(
        CORS_EXPOSED_HEADERS,
      );
      expect(answer.headers.get("Vary"), String(answer.status)).toMatch(/\bOrigin\b/);
    }
  });

  it("adds nothing to a request without an Origin (a server, curl)", async () => {
    const response = await request(`${QUERY}?page_size=1`, {
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
    });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect(response.headers.get("Access-Control-Expose-Headers")).toBeNull();
  });
});
