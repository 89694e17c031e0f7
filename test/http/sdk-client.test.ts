import { describe, expect, it } from "vitest";
import { f } from "../../sdk/src/index.ts";
import type { Env } from "../../src/env.ts";
import { fieldCatalog } from "../../src/query/field-catalog.ts";
import { GENERATED_ORG, ORG_ALPHA, ORG_BETA } from "../fixtures/contacts.ts";
import { projectContact } from "../reference/project.ts";
import { scratchOrganization } from "../support/db-write.ts";
import { keyFor, query, setDatabaseDown } from "../support/http.ts";
import { referenceRows, sdkClient, thrown, workerFetch } from "../support/sdk.ts";
import { requestWith, testBindings } from "../support/worker-env.ts";

/** The SDK's client against the Worker: every method, every error path, the retries. */

describe("query()", () => {
  it("answers one page, exactly as the service does", async () => {
    const { client, calls } = sdkClient(GENERATED_ORG);
    const page = await client.query({ q: f.has("tags", "vip"), s: "-name", page_size: 5, page_number: 2 });
    const raw = await query(GENERATED_ORG, { q: '(has tags "vip")', s: "-name", page_size: "5", page_number: "2" });
    expect(page).toEqual(await raw.json());
    expect(page.data.map((contact) => contact.id)).toEqual(
      referenceRows('(has tags "vip")', "-name")
        .slice(5, 10)
        .map((row) => row.id),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe("GET");
    expect(new URL(calls[0]?.url ?? "").searchParams.get("qs")).toBe("json");
  });

  it("takes filter text in either syntax, sort keys as a list, and every count mode", async () => {
    const { client } = sdkClient(GENERATED_ORG);
    const lisp = await client.query({ q: "(exists info.partner)", s: [{ field: "name", order: "desc" }] });
    const json = await client.query({ q: '["exists", "info.partner"]', qs: "json", s: "-name", count: "estimated" });
    expect(json.data).toEqual(lisp.data);
    expect(lisp.total_count).toBe(referenceRows("(exists info.partner)", "id").length);
    expect(json.total_count_exact).toBe(true);
    const none = await client.query({ q: "(exists info.partner)", count: "none" });
    expect(none.total_count).toBeNull();
    expect(none.total_count_exact).toBe(false);
  });

  it("with fields, contacts hold id and the named keys, and are typed so", async () => {
    const { client } = sdkClient(GENERATED_ORG);
    const page = await client.query({
      q: "(exists name)",
      s: "name",
      page_size: 50,
      fields: ["email_address", "info.partner", "info.cosellPartnerMetrics.pipeline.USD"],
    });
    const names = ["email_address", "info.partner", "info.cosellPartnerMetrics.pipeline.USD"];
    expect(page.data).toEqual(
      referenceRows("(exists name)", "name")
        .slice(0, 50)
        .map((row) => projectContact(row, names)),
    );
    const first = page.data[0];
    const typed: { id: string; emailAddress: string | null } | undefined = first;
    expect(typed?.id).toBeTypeOf("string");
    // @ts-expect-error `name` was not asked for
    expect(first?.name).toBeUndefined();
  });

  it("a long filter goes as a POST body, and means the same", async () => {
    const { client, calls } = sdkClient(GENERATED_ORG);
    const words = Array.from({ length: 120 }, (_, index) => `word-${index}`);
    const long = f.or(f.isNotNull("info.partner"), f.in("name", words));
    const page = await client.query({ q: long, s: "name", count: "exact" });
    expect(calls[0]?.method).toBe("POST");
    expect(JSON.parse(calls[0]?.body ?? "{}")).toMatchObject({ q: long, qs: "json", s: "name", count: "exact" });
    expect(page.total_count).toBe(referenceRows("(exists info.partner)", "id").length);
  });
});

describe("pages()", () => {
  it("walks every page by token, in order, each contact once", async () => {
    const { client, calls } = sdkClient(GENERATED_ORG);
    const seen: string[] = [];
    let count = 0;
    for await (const page of client.pages({ q: f.isNotNull("info.partner"), s: [{ field: "name" }], page_size: 9 })) {
      count += 1;
      expect(page.page_number).toBe(count);
      seen.push(...page.data.map((contact) => contact.id));
    }
    const expected = referenceRows("(exists info.partner)", "name").map((row) => row.id);
    expect(seen).toEqual(expected);
    expect(count).toBe(Math.ceil(expected.length / 9));
    expect(calls.slice(1).every((call) => new URL(call.url).searchParams.has("page_token"))).toBe(true);
  });

  it("resumes a walk from a page_token, with a projection", async () => {
    const { client } = sdkClient(GENERATED_ORG);
    const first = await client.query({ q: '(has tags "vip")', s: "name", page_size: 4, fields: ["name"] });
    const rest: { id: string; name: string | null }[] = [];
    for await (const page of client.pages({
      q: '(has tags "vip")',
      s: "name",
      page_size: 7,
      fields: ["name"],
      page_token: first.next_page_token ?? "",
    })) {
      rest.push(...page.data);
    }
    const expected = referenceRows('(has tags "vip")', "name").map((row) => projectContact(row, ["name"]));
    expect([...first.data, ...rest]).toEqual(expected);
  });
});

describe("fields() and purge()", () => {
  it("fields() is the field catalog", async () => {
    const { client } = sdkClient(ORG_ALPHA);
    expect((await client.fields()).fields).toEqual(JSON.parse(JSON.stringify(fieldCatalog())));
  });

  it("purge() starts a new cache generation: the next identical query is a miss", async () => {
    const { client } = sdkClient(ORG_ALPHA);
    const before = await client.purge();
    expect(before).toMatchObject({ purged: true, organization_id: ORG_ALPHA });
    // The cache write happens after the answer (waitUntil): ask until the page is served from the cache.
    let cached = false;
    for (let attempt = 0; attempt < 100 && !cached; attempt++) {
      cached = (await query(ORG_ALPHA, { q: "(exists name)" })).headers.get("X-Cache") === "HIT";
      if (!cached) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(cached).toBe(true);
    const after = await client.purge();
    expect(after.generation).not.toBe(before.generation);
    expect((await query(ORG_ALPHA, { q: "(exists name)" })).headers.get("X-Cache")).toBe("MISS");
  });
});

describe("errors", () => {
  it("a 400 names the parameter; with a string body, the other fields are null", async () => {
    const { client } = sdkClient(ORG_ALPHA);
    const error = await thrown(client.query({ q: "(= nme 1)" }));
    expect(error.status).toBe(400);
    expect(error.param).toBe("q");
    expect(error.detail).toMatch(/^q: unknown field 'nme'/);
    expect(error.message).toBe(error.detail);
    expect(error.name).toBe("ContactQueryError");
    const size = await thrown(client.query({ page_size: 5000 }));
    expect([size.status, size.param, size.detail]).toEqual([
      400,
      "page_size",
      "page_size: must be an integer between 1 and 1000",
    ]);
  });

  it("401 for an unknown key, 403 for another organization's key", async () => {
    const unknown = await thrown(sdkClient(ORG_ALPHA, { apiKey: "cq_not_a_key" }).client.fields());
    expect(unknown.status).toBe(401);
    expect(unknown.param).toBeNull();
    const other = await thrown(sdkClient(ORG_ALPHA, { apiKey: keyFor(ORG_BETA) }).client.query());
    expect(other.status).toBe(403);
  });

  it("a network failure is fetch's own error, not retried", async () => {
    let tries = 0;
    const failure = new TypeError("fetch failed");
    const { client } = sdkClient(ORG_ALPHA, {
      send: async () => {
        tries += 1;
        throw failure;
      },
    });
    await expect(client.query()).rejects.toBe(failure);
    expect(tries).toBe(1);
  });

  // The service answers the SDK's Accept (problem details first) with RFC 9457 problem details: every field is
  // the service's own, the hint is the "did you mean" the message holds in parentheses, the title the code's.
  it("reads problem details: code, param, position, hint, title, type", async () => {
    const { client } = sdkClient(ORG_ALPHA);
    const error = await thrown(client.query({ q: '(= emial "x")' }));
    expect(error).toMatchObject({
      status: 400,
      code: "unknown_field",
      param: "q",
      position: { line: 1, column: 4 },
      type: "/docs/errors#unknown_field",
      title: "Unknown field",
      hint: "did you mean 'email_address'?",
      detail: "q: unknown field 'emial' (did you mean 'email_address'?) at line 1, column 4",
    });
    expect(error.message).toBe(error.detail);
    const json = await thrown(client.query({ q: '["=", "nme", 1]', qs: "json" }));
    expect(json).toMatchObject({ code: "unknown_field", position: { pointer: "/1" }, hint: "did you mean 'name'?" });
    const enumCase = await thrown(client.query({ q: '(= info.partner "aws")' }));
    expect(enumCase).toMatchObject({
      code: "invalid_value",
      position: { line: 1, column: 17 },
      hint: 'did you mean "AWS"?',
    });
  });
});

/** The tight per-key limit of the rate-limit tests (vitest.config.ts): 5 requests per 10 s. */
const KEY_LIMIT: Partial<Env> = {
  KEY_RATE_LIMITER: testBindings.TEST_KEY_RATE_LIMITER,
  KEY_RATE_LIMIT: "5",
  KEY_RATE_PERIOD: "10",
};
const PERIOD_MS = 10_000;

/** miniflare's windows are aligned to the clock: start a burst with at least `ms` of the window left. */
async function windowWithRoom(ms: number): Promise<void> {
  const left = PERIOD_MS - (Date.now() % PERIOD_MS);
  if (left < ms) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/** A client of a fresh organization and key whose per-key budget is already spent for this window. */
async function rateLimitedClient(name: string, options: Parameters<typeof sdkClient>[1] = {}) {
  const { organizationId, key } = await scratchOrganization(name);
  const send = (input: string, init: RequestInit) => {
    const url = new URL(input);
    return requestWith(KEY_LIMIT, `${url.pathname}${url.search}`, init);
  };
  await windowWithRoom(3000);
  for (let i = 0; i < 5; i++) {
    const response = await send(`https://api.test/org/${organizationId}/contact/query`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(200);
  }
  return sdkClient(organizationId, { apiKey: key, send, ...options });
}

describe("retries", () => {
  it("a read answered 503 is tried again after Retry-After, and succeeds", async () => {
    const { client, calls } = sdkClient(ORG_ALPHA, {
      send: async (input, init) => {
        const response = await workerFetch(input, init);
        if (response.status === 503) await setDatabaseDown(false);
        return response;
      },
    });
    await setDatabaseDown(true);
    const started = Date.now();
    try {
      // A filter of its own, so no cached page can answer it.
      const page = await client.query({ q: f.eq("name", `retry ${started}`) });
      expect(page.total_count).toBe(0);
    } finally {
      await setDatabaseDown(false);
    }
    expect(calls.map((call) => call.status)).toEqual([503, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5000); // the service's Retry-After
  });

  it("retries: 0 throws the 503 at once, with retryAfter", async () => {
    const { client, calls } = sdkClient(ORG_ALPHA, { retries: 0 });
    await setDatabaseDown(true);
    try {
      const error = await thrown(client.query({ q: f.eq("name", `no retry ${Date.now()}`) }));
      expect(error.status).toBe(503);
      expect(error.retryAfter).toBe(5);
    } finally {
      await setDatabaseDown(false);
    }
    expect(calls).toHaveLength(1);
  });

  it("a wait for a retry ends when the signal aborts", async () => {
    const controller = new AbortController();
    const { client, calls } = sdkClient(ORG_ALPHA, {
      send: async (input, init) => {
        const response = await workerFetch(input, init);
        if (response.status === 503) setTimeout(() => controller.abort(new Error("gave up")), 100);
        return response;
      },
    });
    await setDatabaseDown(true);
    const started = Date.now();
    try {
      const error = await client
        .query({ q: f.eq("name", `abort ${started}`), signal: controller.signal })
        .catch((e) => e);
      expect(error).toEqual(new Error("gave up"));
    } finally {
      await setDatabaseDown(false);
    }
    expect(calls).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("a read answered 429 waits for Retry-After (the next window) and succeeds", async () => {
    const { client, calls } = await rateLimitedClient("sdk_retry_429");
    const started = Date.now();
    const page = await client.query({ page_size: 1 });
    expect(page.page_size).toBe(1);
    expect(calls.map((call) => call.status)).toEqual([429, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
  });

  it("a Retry-After beyond maxRetryDelayMs is not waited for", async () => {
    const { client, calls } = await rateLimitedClient("sdk_retry_cap", { maxRetryDelayMs: 2000 });
    const error = await thrown(client.fields());
    expect([error.status, error.retryAfter]).toEqual([429, 10]);
    expect(error.detail).toMatch(/^rate limit exceeded/);
    expect(calls).toHaveLength(1);
  });

  it("purge() is never retried", async () => {
    const { client, calls } = await rateLimitedClient("sdk_retry_purge");
    const error = await thrown(client.purge());
    expect(error.status).toBe(429);
    expect(calls).toHaveLength(1);
  });
});
