import { beforeAll, describe, expect, it } from "vitest";
import { SETTINGS } from "../../src/env.ts";
import { execute, scratchOrganization } from "../support/db-write.ts";
import { query } from "../support/http.ts";
import { requestWith } from "../support/worker-env.ts";

/**
 * Memory bound: Postgres measures the rendered page and hands the Worker no
 * data over MAX_PAGE_BYTES (default 8 MiB); the answer is a 400 naming
 * `page_size`, with the way out.
 *
 * A page_size=1000 page of 150 KB documents (~150 MB) is the case this
 * guards against, but rendering 150 MB takes the embedded database (PGlite,
 * single-threaded, shared with the other test project) longer than the
 * tests' statement timeout. So: 150 KB documents against the default budget
 * at page_size=100 (~15 MB), and the page_size=1000 shape with 1.5 KB
 * documents against a 1 MiB budget set through the setting (a test-only
 * binding value, test/support/worker-env.ts).
 */
const BIG_CHARS = 150 * 1024;
const SMALL_CHARS = 1536;
const big = { organizationId: "", key: "" };
const many = { organizationId: "", key: "" };

async function fill(organizationId: string, documents: number, chars: number) {
  // Built inside Postgres (nothing crosses the wire): `chars` of text per document, compressible on disk.
  await execute(
    `INSERT INTO contacts (id, organization_id, name, creation_time, last_update_time, info)
     SELECT $1 || '_' || g, $1, 'doc ' || g, now() - g * interval '1 second', now(),
            jsonb_build_object('notes', repeat(md5(g::text), $2::int / 32))
     FROM generate_series(1, $3::int) AS g`,
    [organizationId, chars, documents],
  );
}

beforeAll(async () => {
  Object.assign(big, await scratchOrganization("page_budget_big"));
  await fill(big.organizationId, 100, BIG_CHARS);
  Object.assign(many, await scratchOrganization("page_budget_many"));
  await fill(many.organizationId, 1000, SMALL_CHARS);
}, 60_000);

const advice = (maxBytes: number) =>
  new RegExp(
    `^page_size: this page's contacts take (\\d+) bytes as JSON, more than the ${maxBytes} a page may hold; ` +
      "ask for fewer contacts \\(a smaller page_size\\) or fewer fields \\(fields=\\)$",
  );

describe("a page larger than MAX_PAGE_BYTES", () => {
  it("150 KB documents, page_size=100 (~15 MB) over the default 8 MiB: a 400 naming page_size, without the data", async () => {
    const response = await query(big.organizationId, { page_size: "100", count: "none" }, big.key);
    const body = (await response.json()) as string;
    expect(response.status, body).toBe(400);
    const match = advice(SETTINGS.MAX_PAGE_BYTES.default).exec(body);
    expect(match, body).not.toBeNull();
    expect(Number(match?.[1])).toBeGreaterThan(100 * BIG_CHARS);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("what the advice says works: fewer contacts (page_size=40, ~6 MB), or fewer fields", async () => {
    const fewer = await query(big.organizationId, { page_size: "40", count: "none" }, big.key);
    expect(fewer.status).toBe(200);
    expect(((await fewer.json()) as { data: unknown[] }).data).toHaveLength(40);
    const slim = await query(big.organizationId, { page_size: "100", fields: "name", count: "none" }, big.key);
    expect(slim.status).toBe(200);
    expect(((await slim.json()) as { data: unknown[] }).data).toHaveLength(100);
  });

  it("page_size=1000 of 1.5 KB documents (~1.6 MB) over a budget of 1 MiB set through MAX_PAGE_BYTES", async () => {
    const path = `/org/${many.organizationId}/contact/query?page_size=1000&count=none`;
    const init = { headers: { Authorization: `Bearer ${many.key}` } };
    const refused = await requestWith({ MAX_PAGE_BYTES: String(1024 * 1024) }, path, init);
    const body = (await refused.json()) as string;
    expect(refused.status, body).toBe(400);
    expect(Number(advice(1024 * 1024).exec(body)?.[1])).toBeGreaterThan(1000 * SMALL_CHARS);
    // Under the default budget the same page is served whole.
    const served = await requestWith({}, path, init);
    expect(served.status).toBe(200);
    expect(((await served.json()) as { data: unknown[] }).data).toHaveLength(1000);
  });
});
