import { describe, expect, inject, it } from "vitest";
import { ORG_ALPHA, ORG_BETA, ORG_EMPTY } from "../fixtures/contacts.ts";
import { keyFor, type Page, query, request, setDatabaseDown } from "../support/http.ts";

/** The keys of an empty page besides its number, size and total: an exact count, and no page after it. */
const EMPTY = { data: [], total_count_exact: true, next_page_token: null };

/** The API's basics through the Worker's fetch handler: response shape, validation, authentication, routing. */
async function page(response: Response): Promise<Page> {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  return JSON.parse(text) as Page;
}

async function errorOf(response: Response, status: number): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  const body = JSON.parse(text) as unknown;
  expect(typeof body).toBe("string");
  return body as string;
}

describe("response shape", () => {
  it("lists the organization's contacts newest first, every key present", async () => {
    const result = await page(await query(ORG_ALPHA));
    expect(result.page_number).toBe(1);
    expect(result.page_size).toBe(20);
    expect(result.total_count).toBe(3);
    expect(result.data.map((contact) => contact.id)).toEqual(["c_ada", "c_grace", "c_obrien"]);
    expect(Object.keys(result.data[0] ?? {})).toEqual([
      "companyContactId",
      "creationTime",
      "emailAddress",
      "id",
      "info",
      "lastUpdateTime",
      "name",
      "organizationID",
      "tags",
    ]);
    expect(result.data[0]).toMatchObject({
      companyContactId: "crm-001",
      creationTime: "2024-07-29T15:51:28.071Z",
      emailAddress: "ada@acme.com",
      id: "c_ada",
      lastUpdateTime: "2024-08-01T09:00:00.000Z",
      name: "Ada Lovelace",
      organizationID: ORG_ALPHA,
      tags: ["vip", "partner"],
    });
    expect(result.data[0]?.info).toMatchObject({ cosellPartnerMetrics: { pipeline: { USD: 125000.5, EUR: 1000 } } });
  });

  it("renders nulls, empty tags, empty info and millisecond timestamps", async () => {
    const result = await page(await query(ORG_ALPHA, { page_size: "1", page_number: "3" }));
    expect(result.data).toEqual([
      {
        companyContactId: "crm-003",
        creationTime: "2023-01-15T08:30:00.123Z",
        emailAddress: null,
        id: "c_obrien",
        info: {},
        lastUpdateTime: "2023-01-15T08:30:00.123Z",
        name: 'Miles O"Brien',
        organizationID: ORG_ALPHA,
        tags: [],
      },
    ]);
    expect(result.data[0]?.companyContactId).toBe("crm-003");
    const grace = await page(await query(ORG_ALPHA, { page_size: "1", page_number: "2" }));
    expect(grace.data[0]?.companyContactId).toBeNull();
  });

  it("echoes the effective page and keeps the true total past the end", async () => {
    const second = await page(await query(ORG_ALPHA, { page_size: "2", page_number: "2" }));
    expect(second).toMatchObject({ page_number: 2, page_size: 2, total_count: 3 });
    expect(second.data.map((contact) => contact.id)).toEqual(["c_obrien"]);
    const beyond = await page(await query(ORG_ALPHA, { page_size: "2", page_number: "9" }));
    expect(beyond).toEqual({ ...EMPTY, page_number: 9, page_size: 2, total_count: 3 });
  });

  it("treats empty q= and s= as absent", async () => {
    const result = await page(await query(ORG_ALPHA, "q=&s=&page_size=20"));
    expect(result.total_count).toBe(3);
    expect(result.data.map((contact) => contact.id)).toEqual(["c_ada", "c_grace", "c_obrien"]);
  });

  it("answers an organization without contacts with an empty page", async () => {
    expect(await page(await query(ORG_EMPTY))).toEqual({ ...EMPTY, page_number: 1, page_size: 20, total_count: 0 });
  });
});

describe("request validation", () => {
  const cases: [string, string][] = [
    ["page_size=0", "page_size: must be an integer between 1 and 1000"],
    ["page_size=1001", "page_size: must be an integer between 1 and 1000"],
    ["page_size=abc", "page_size: must be an integer between 1 and 1000"],
    ["page_size=1.5", "page_size: must be an integer between 1 and 1000"],
    ["page_size=-1", "page_size: must be an integer between 1 and 1000"],
    ["page_number=0", "page_number: must be an integer >= 1"],
    ["page_number=x", "page_number: must be an integer >= 1"],
    [
      "page_number=102&page_size=1000",
      "page_number: (page_number - 1) * page_size must not exceed 100000 (to go deeper, send each answer's " +
        "next_page_token as page_token: pages by token have no depth limit)",
    ],
    ["page_size=10&page_size=20", "page_size: given more than once"],
    ["q=(%3D%20name%20%22a%22)&q=(%3D%20name%20%22b%22)", "q: given more than once"],
    ["qs=xml", "qs: must be 'lisp' or 'json'"],
    ["ss=yaml", "ss: must be 'simple' or 'json'"],
  ];
  for (const [search, message] of cases) {
    it(`rejects ${search}`, async () => {
      expect(await errorOf(await query(ORG_ALPHA, search), 400)).toBe(message);
    });
  }

  it("takes an empty value as an absent parameter, for every parameter", async () => {
    const result = await page(
      await query(ORG_ALPHA, "page_size=&page_number=&q=&qs=&s=&ss=&count=&fields=&page_token="),
    );
    expect(result).toMatchObject({ page_number: 1, page_size: 20, total_count: 3, total_count_exact: true });
  });

  it("rejects an unknown parameter by name", async () => {
    const message = await errorOf(await query(ORG_ALPHA, "pageSize=10"), 400);
    expect(message).toMatch(/^pageSize: unknown parameter/);
  });

  it("accepts the largest page and offset the API allows", async () => {
    const result = await page(await query(ORG_ALPHA, { page_size: "1000", page_number: "101" }));
    expect(result).toEqual({ ...EMPTY, page_number: 101, page_size: 1000, total_count: 3 });
  });
});

describe("authentication and tenancy", () => {
  it("401 without a key, with WWW-Authenticate", async () => {
    const response = await request(`/org/${ORG_ALPHA}/contact/query`);
    expect(await errorOf(response, 401)).toMatch(/missing API key/);
    expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
  });

  it("401 with an unknown, malformed or revoked key", async () => {
    for (const key of [`cq_${"A".repeat(43)}`, "not-a-key", inject("revokedKey")]) {
      const response = await query(ORG_ALPHA, {}, key);
      expect(await errorOf(response, 401)).toBe("invalid or revoked API key");
      expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer .*error="invalid_token"/);
    }
  });

  it("401 with a non-Bearer scheme", async () => {
    const response = await request(`/org/${ORG_ALPHA}/contact/query`, {
      headers: { Authorization: `Basic ${btoa("user:pass")}` },
    });
    expect(response.status).toBe(401);
  });

  it("403 with a valid key of another organization", async () => {
    const response = await query(ORG_ALPHA, {}, keyFor(ORG_BETA));
    expect(await errorOf(response, 403)).toMatch(/does not belong to the requested organization/);
  });

  it("never returns another organization's rows, whatever the filter says", async () => {
    const own = await page(await query(ORG_BETA));
    expect(own.data.map((contact) => contact.id)).toEqual(["c_beta_1"]);
    const sneaky = await page(
      await query(ORG_BETA, { q: `(or (= organization_id "${ORG_ALPHA}") (= name "Ada Lovelace"))` }),
    );
    expect(sneaky.total_count).toBe(1);
    expect(sneaky.data.every((contact) => contact.organizationID === ORG_BETA)).toBe(true);
  });
});

describe("routing and errors", () => {
  it("404 for other paths", async () => {
    expect(await errorOf(await request("/nope"), 404)).toMatch(/no route/);
    expect((await request(`/org/${ORG_ALPHA}/contacts/query`)).status).toBe(404);
  });

  it("405 for other methods, with Allow", async () => {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const response = await request(`/org/${ORG_ALPHA}/contact/query`, {
        method,
        headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
      });
      expect(await errorOf(response, 405)).toMatch(/not allowed/);
      expect(response.headers.get("Allow")).toBe("GET, POST");
    }
  });
});

describe("database outage", () => {
  it("503 with Retry-After while the database is unreachable, and recovers by itself", async () => {
    await page(await query(ORG_ALPHA, { page_size: "7" })); // the key's verdict is now cached
    await setDatabaseDown(true);
    try {
      const response = await query(ORG_ALPHA, { page_size: "8" });
      const message = await errorOf(response, 503);
      expect(message).toMatch(/database/);
      expect(message).not.toMatch(/postgres(ql)?:\/\//);
      expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    } finally {
      await setDatabaseDown(false);
    }
    expect((await page(await query(ORG_ALPHA, { page_size: "9" }))).total_count).toBe(3);
  });
});
