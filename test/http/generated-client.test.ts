import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { ORG_ALPHA } from "../fixtures/contacts.ts";
import type { paths } from "../generated/openapi.d.ts";
import { fetchWorker } from "../support/conformance.ts";
import { keyFor } from "../support/http.ts";

/**
 * A client generated from /openapi.json by third-party tools, as is:
 * openapi-typescript made test/generated/openapi.d.ts (npm run openapi:types),
 * and openapi-fetch sends typed requests with it. `npm run typecheck` checks
 * this file against those types, so a document a generator misreads (a page
 * size typed as a string, an untyped array) fails before it runs.
 */
const client = createClient<paths>({
  baseUrl: "https://api.test",
  fetch: (request) => fetchWorker(request),
  headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
});

describe("a client generated from the OpenAPI document", () => {
  it("GET: typed parameters in, a typed page out", async () => {
    const { data, error, response } = await client.GET("/org/{orgId}/contact/query", {
      params: {
        path: { orgId: ORG_ALPHA },
        query: { q: '(has tags "vip")', s: "-creation_time", page_size: 2, page_number: 1 },
      },
    });
    expect(error, JSON.stringify(error)).toBeUndefined();
    expect(response.status).toBe(200);
    const page = data;
    expect(page?.page_size).toBe(2);
    expect(page?.total_count).toBe(1);
    const contact = page?.data[0];
    expect(contact?.organizationID).toBe(ORG_ALPHA);
    expect(contact?.tags).toContain("vip");
  });

  it("POST: a JSON filter in the body", async () => {
    const { data, error } = await client.POST("/org/{orgId}/contact/query", {
      params: { path: { orgId: ORG_ALPHA } },
      body: { q: ["has", "tags", "vip"], qs: "json", page_size: 5 },
    });
    expect(error, JSON.stringify(error)).toBeUndefined();
    expect(data?.total_count).toBe(1);
    expect(data?.data.map((contact) => contact.tags)).toEqual([expect.arrayContaining(["vip"])]);
  });

  it("errors come back typed as the document's error bodies: the string, or problem details when asked", async () => {
    const { data, error, response } = await client.GET("/org/{orgId}/contact/query", {
      params: { path: { orgId: ORG_ALPHA }, query: { q: "(= nme 1)" } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(typeof error).toBe("string");
    expect(error).toMatch(/^q: unknown field 'nme'/);

    const asked = await client.GET("/org/{orgId}/contact/query", {
      params: { path: { orgId: ORG_ALPHA }, query: { q: "(= nme 1)" } },
      headers: { Accept: "application/problem+json" },
    });
    if (asked.error === undefined || typeof asked.error === "string") throw new Error("expected problem details");
    // Typed by the document: the 400's codes, and the problem's members.
    const code: "unknown_field" | "syntax_error" | (string & {}) = asked.error.code;
    expect(code).toBe("unknown_field");
    expect(asked.error.hint).toBe("did you mean 'name'?");
    expect(asked.error.position).toEqual({ line: 1, column: 4 });
    expect(asked.error.detail).toBe(error);
  });
});
