import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { originAllowed } from "../../src/http/cors.ts";

/** Which origins `CORS_ORIGINS` lets in, through an app made by the Worker's own factory. */
beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined); // the request log
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("CORS_ORIGINS", () => {
  it("lets in the listed origins, any with *, none when unset", () => {
    const listed = "https://a.example, https://b.example";
    expect(originAllowed("https://a.example", listed)).toBe(true);
    expect(originAllowed("https://b.example", listed)).toBe(true);
    expect(originAllowed("https://c.example", listed)).toBe(false);
    expect(originAllowed("https://a.example.evil", listed)).toBe(false);
    expect(originAllowed("https://c.example", "*")).toBe(true);
    expect(originAllowed("https://a.example", undefined)).toBe(false);
    expect(originAllowed("https://a.example", "")).toBe(false);
  });

  it("gives another origin, or every origin when unset, no CORS header at all (preflights included)", async () => {
    const app = createApp([]);
    for (const setting of ["https://a.example", undefined]) {
      const env = setting === undefined ? {} : { CORS_ORIGINS: setting };
      for (const method of ["GET", "OPTIONS"]) {
        const response = await app.request(
          "https://api.test/nope",
          { method, headers: { Origin: "https://c.example", "Access-Control-Request-Method": "GET" } },
          env,
        );
        expect(response.status, `${setting} ${method}`).not.toBe(204);
        for (const [name] of response.headers) expect(name, `${setting} ${method}`).not.toMatch(/^access-control-/);
      }
    }
    const allowed = await app.request(
      "https://api.test/nope",
      { headers: { Origin: "https://a.example" } },
      {
        CORS_ORIGINS: "https://a.example",
      },
    );
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("https://a.example");
  });
});
