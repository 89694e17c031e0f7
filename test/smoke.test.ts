import { describe, expect, it } from "vitest";
import { ORG_ALPHA } from "./fixtures/contacts.ts";
import { type Page, query } from "./support/http.ts";

describe("smoke", () => {
  it("answers a query", async () => {
    const response = await query(ORG_ALPHA);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const page = JSON.parse(text) as Page;
    expect(page.total_count).toBe(3);
  });
});
