import { describe, expect, it } from "vitest";
import { buildFilter } from "../../src/query/build-filter.ts";
import { readLisp } from "../../src/query/lisp.ts";
import { parseSimpleSort } from "../../src/query/sort.ts";
import { ALL_FIXTURES, GENERATED_ORG, ORG_ALPHA } from "../fixtures/contacts.ts";
import { referenceQuery } from "../reference/evaluate.ts";
import { execute, insertContacts, scratchOrganization } from "../support/db-write.ts";
import { keyFor, postQuery, query, request, roundTripCount } from "../support/http.ts";

/** Keyset pages (`next_page_token` / `page_token`) and count modes, through the Worker. */
interface TokenPage {
  data: { id: string }[];
  page_number: number;
  page_size: number;
  total_count: number | null;
  total_count_exact: boolean;
  next_page_token: string | null;
}

async function page(response: Response): Promise<TokenPage> {
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as TokenPage;
}

async function walk(params: Record<string, string>, organizationId = GENERATED_ORG, key = keyFor(organizationId)) {
  const pages: TokenPage[] = [];
  let token: string | null = null;
  do {
    const current: TokenPage = await page(
      await query(organizationId, { ...params, ...(token ? { page_token: token } : {}) }, key),
    );
    pages.push(current);
    token = current.next_page_token;
  } while (token && pages.length < 500);
  return pages;
}

const expected = (q: string | undefined, s: string) =>
  referenceQuery(ALL_FIXTURES, GENERATED_ORG, q ? buildFilter(readLisp(q), "lisp") : null, parseSimpleSort(s)).map(
    (contact) => contact.id,
  );

describe("page tokens", () => {
  for (const [q, s] of [
    [undefined, "-creation_time"],
    ['(any info.cosellPartnerMetrics.accounts (= type "Customer"))', "info.cosellPartnerMetrics.successRate,-name"],
    ["(exists info.partner)", "-info.enrichedContactInfo.lastUpdateTime,info.partner"],
  ] as const) {
    it(`walk every page: q=${q ?? ""} s=${s}`, async () => {
      const pages = await walk({ ...(q ? { q } : {}), s, page_size: "7" });
      const ids = pages.flatMap((current) => current.data.map((contact) => contact.id));
      expect(ids).toEqual(expected(q, s));
      expect(pages.map((current) => current.page_number)).toEqual(pages.map((_, i) => i + 1));
      for (const current of pages) expect(current.total_count).toBe(ids.length);
      expect(pages.at(-1)?.next_page_token).toBeNull();
    });
  }

  it("continues with another page size, in another syntax, and by POST", async () => {
    const first = await page(await query(GENERATED_ORG, { q: "(exists info.partner)", s: "name", page_size: "5" }));
    const token = first.next_page_token as string;
    const all = expected("(exists info.partner)", "name");
    const second = await page(
      await query(GENERATED_ORG, {
        q: '["is-not-null","info.partner"]',
        qs: "json",
        s: "name:asc",
        page_size: "3",
        page_token: token,
      }),
    );
    expect(second.page_number).toBe(2);
    expect(second.page_size).toBe(3);
    expect(second.data.map((contact) => contact.id)).toEqual(all.slice(5, 8));
    const posted = await page(
      await postQuery(GENERATED_ORG, {
        q: ["exists", "info.partner"],
        qs: "json",
        s: "name",
        page_size: 3,
        page_token: token,
      }),
    );
    expect(posted.data).toEqual(second.data);
  });

  it("answers every misuse with a 400 naming page_token", async () => {
    const INVALID = "page_token: invalid (start the walk again without page_token)";
    const first = await page(await query(GENERATED_ORG, { q: "(exists info.partner)", page_size: "2" }));
    const token = first.next_page_token as string;
    const cases: [Record<string, string>, string][] = [
      [{ q: "(exists info.companyName)", page_token: token }, "page_token: does not match q and s"],
      [{ q: "(exists info.partner)", s: "name", page_token: token }, "page_token: does not match q and s"],
      [{ q: "(exists info.partner)", page_token: `${token.slice(0, -2)}xx` }, INVALID],
      [{ q: "(exists info.partner)", page_token: "not a token" }, INVALID],
      [
        { q: "(exists info.partner)", page_token: token, page_number: "2" },
        "page_token: cannot be combined with page_number",
      ],
    ];
    for (const [params, message] of cases) {
      const response = await query(GENERATED_ORG, params);
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(await response.json()).toBe(message);
    }
    // A token of another organization's walk is invalid here.
    const other = await page(await query(ORG_ALPHA, { q: "(exists info.partner)", page_size: "1" }));
    const foreign = await query(GENERATED_ORG, {
      q: "(exists info.partner)",
      page_token: other.next_page_token as string,
    });
    expect(await foreign.json()).toBe(INVALID);
  });

  it("stays exact under inserts and deletes before and after the cursor", async () => {
    const { organizationId, key } = await scratchOrganization("walk");
    const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString();
    const original = Array.from({ length: 30 }, (_, i) => ({
      id: `w${String(i).padStart(2, "0")}`,
      created: at(i % 10),
    }));
    await insertContacts(organizationId, original);
    const deleted = new Set<string>();
    const seen: string[] = [];
    let token: string | null = null;
    let step = 0;
    do {
      const current: TokenPage = await page(
        await query(organizationId, { page_size: "4", ...(token ? { page_token: token } : {}) }, key),
      );
      seen.push(...current.data.map((contact) => contact.id));
      token = current.next_page_token;
      step += 1;
      // Behind the cursor (newer) and ahead of it (older), with equal timestamps too.
      await insertContacts(organizationId, [
        { id: `new_behind_${step}`, created: at(30 + step) },
        { id: `new_ahead_${step}`, created: at(0) },
      ]);
      const victim = original[(step * 7) % original.length] as { id: string };
      if (!seen.includes(victim.id)) {
        await execute("DELETE FROM contacts WHERE organization_id = $1 AND id = $2", [organizationId, victim.id]);
        deleted.add(victim.id);
      }
    } while (token && step < 100);
    expect(new Set(seen).size).toBe(seen.length);
    const stayed = original.map((row) => row.id).filter((id) => !deleted.has(id));
    for (const id of stayed) expect(seen, id).toContain(id);
    expect(seen.some((id) => id.startsWith("new_behind"))).toBe(false);
    expect(deleted.size).toBeGreaterThan(0);
  });
});

describe("count modes", () => {
  it("exact by default; none counts nothing; estimated is exact up to 10,000", async () => {
    const exact = await page(await query(GENERATED_ORG, { q: "(exists info.partner)" }));
    expect(exact).toMatchObject({ total_count_exact: true });
    const none = await page(await query(GENERATED_ORG, { q: "(exists info.partner)", count: "none" }));
    expect(none).toMatchObject({ total_count: null, total_count_exact: false });
    expect(none.data).toEqual(exact.data);
    const estimated = await page(await postQuery(GENERATED_ORG, { q: "(exists info.partner)", count: "estimated" }));
    expect(estimated).toMatchObject({ total_count: exact.total_count, total_count_exact: true });
    const bad = await query(GENERATED_ORG, { count: "approximate" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toBe("count: must be 'exact', 'estimated' or 'none'");
  });

  it("counts a filter once: other pages, sizes and sorts of it reuse the count", async () => {
    const { organizationId, key } = await scratchOrganization("count");
    await insertContacts(
      organizationId,
      Array.from({ length: 5 }, (_, i) => ({ id: `c${i}`, created: new Date(Date.UTC(2024, 0, 1 + i)).toISOString() })),
    );
    const q = '(starts-with name "name")';
    const first = await page(await query(organizationId, { q, page_size: "2" }, key));
    expect(first.total_count).toBe(5);
    await insertContacts(organizationId, [{ id: "c9", created: new Date(Date.UTC(2024, 1, 1)).toISOString() }]);
    const before = await roundTripCount();
    // Another page, size and sort of the same filter: one round trip, and the count computed before.
    const second = await page(await query(organizationId, { q, page_size: "3", page_number: "2", s: "name" }, key));
    expect(await roundTripCount()).toBe(before + 1);
    expect(second.total_count).toBe(5);
    // Another filter is counted afresh.
    const other = await page(await query(organizationId, { q: '(starts-with name "name c")', page_size: "2" }, key));
    expect(other.total_count).toBe(6);
  });
});

describe("token pages and the cache", () => {
  it("caches token pages like any other page", async () => {
    const first = await page(await query(GENERATED_ORG, { s: "name", page_size: "3" }));
    const params = { s: "name", page_size: "3", page_token: first.next_page_token as string };
    await query(GENERATED_ORG, params);
    const again = await query(GENERATED_ORG, params);
    expect(again.headers.get("X-Cache")).toBe("HIT");
    expect((await request(`/org/${GENERATED_ORG}/contact/query?${new URLSearchParams(params)}`)).status).toBe(401);
  });
});
