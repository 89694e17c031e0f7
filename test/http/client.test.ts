import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  CONTACT_FIELDS,
  type ContactPage,
  type Filter,
  f,
  pages,
  queryBody,
  searchParams,
  toJson,
  toLisp,
} from "../../src/client/index.ts";
import { buildFilter } from "../../src/query/build-filter.ts";
import { fieldTree } from "../../src/query/field-catalog.ts";
import { readLisp } from "../../src/query/lisp.ts";
import { parseSimpleSort } from "../../src/query/sort.ts";
import { ALL_FIXTURES, GENERATED_ORG, ORG_ALPHA } from "../fixtures/contacts.ts";
import { referenceQuery } from "../reference/evaluate.ts";
import { keyFor, postQuery, request } from "../support/http.ts";

/** The typed client: the builder prints both syntaxes, and the Worker agrees with what it builds. */
const cases: { filter: Filter; lisp: string; ids: string[] }[] = [
  { filter: f.eq("name", "Ada Lovelace"), lisp: '(= name "Ada Lovelace")', ids: ["c_ada"] },
  {
    filter: f.and(f.eq("info.partner", "AWS"), f.gte("info.cosellPartnerMetrics.accountCount", 3)),
    lisp: '(and (= info.partner "AWS") (>= info.cosellPartnerMetrics.accountCount 3))',
    ids: ["c_ada"],
  },
  {
    filter: f.or(f.ilike("emailAddress", "%@ACME.com"), f.has("tags", "vip")),
    lisp: '(or (ilike emailAddress "%@ACME.com") (has tags "vip"))',
    ids: ["c_ada"],
  },
  {
    filter: f.not(f.in("info.enrichedContactInfo.status", ["archived", "stale"])),
    lisp: '(not (in info.enrichedContactInfo.status ("archived" "stale")))',
    ids: ["c_ada", "c_obrien"],
  },
  {
    filter: f.any("info.cosellPartnerMetrics.accounts", (account) =>
      f.and(account.eq("industry", "Software"), account.gt("createdDate", "2024-01-01")),
    ),
    lisp: '(any info.cosellPartnerMetrics.accounts (and (= industry "Software") (> createdDate "2024-01-01")))',
    ids: ["c_ada"],
  },
  {
    filter: f.any("info.cosellPartnerMetrics.accounts", (account) =>
      account.any("opportunities", (opportunity) => opportunity.eq("stageName", "Closed Won")),
    ),
    lisp: '(any info.cosellPartnerMetrics.accounts (any opportunities (= stageName "Closed Won")))',
    ids: ["c_ada"],
  },
  { filter: f.contains("name", 'O"B'), lisp: '(contains name "O\\"B")', ids: ["c_obrien"] },
  {
    filter: f.between("creation_time", "2024-01-01", "2024-06-01T00:00:00Z"),
    lisp: '(between creation_time "2024-01-01" "2024-06-01T00:00:00Z")',
    ids: ["c_grace"],
  },
  { filter: f.isNull("email_address"), lisp: "(is-null email_address)", ids: ["c_obrien"] },
  { filter: f.eq("company_contact_id", null), lisp: "(= company_contact_id null)", ids: ["c_grace"] },
  {
    filter: f.gt("info.cosellPartnerMetrics.pipeline.EUR", 10),
    lisp: "(> info.cosellPartnerMetrics.pipeline.EUR 10)",
    ids: ["c_ada"],
  },
  { filter: f.hasAll("tags", []), lisp: "(has-all tags ())", ids: ["c_ada", "c_grace", "c_obrien"] },
];

const byName = (page: ContactPage) => page.data.map((contact) => contact.id).sort();

describe("the typed client", () => {
  for (const { filter, lisp, ids } of cases) {
    it(lisp, async () => {
      expect(toLisp(filter)).toBe(lisp);
      expect(JSON.parse(toJson(filter))).toEqual(filter);
      const get = await request(
        `/org/${ORG_ALPHA}/contact/query?${searchParams({ q: filter, s: [{ field: "name" }] })}`,
        {
          headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
        },
      );
      expect(get.status, await get.clone().text()).toBe(200);
      expect(byName((await get.json()) as ContactPage)).toEqual(ids);
      const post = await postQuery(ORG_ALPHA, queryBody({ q: filter, s: [{ field: "name", order: "desc" }] }));
      expect(post.status, await post.clone().text()).toBe(200);
      expect(byName((await post.json()) as ContactPage)).toEqual(ids);
    });
  }

  it("walks every page of a query with pages()", async () => {
    const connection = {
      baseUrl: "https://api.test",
      organizationId: GENERATED_ORG,
      apiKey: keyFor(GENERATED_ORG),
      fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
        exports.default.fetch(new Request(input, init))) as typeof fetch,
    };
    const filter = f.isNotNull("info.partner");
    const seen: string[] = [];
    let count = 0;
    for await (const page of pages(connection, { q: filter, s: [{ field: "name" }], page_size: 9, count: "none" })) {
      count += 1;
      expect(page.page_number).toBe(count);
      seen.push(...page.data.map((contact) => contact.id));
    }
    const expected = referenceQuery(
      ALL_FIXTURES,
      GENERATED_ORG,
      buildFilter(readLisp(toLisp(filter)), "lisp"),
      parseSimpleSort("name"),
    ).map((contact) => contact.id);
    expect(seen).toEqual(expected);
    expect(count).toBe(Math.ceil(expected.length / 9));
  });

  it("builds query strings and bodies", () => {
    expect(searchParams({ q: f.has("tags", "vip"), s: "-creation_time", page_size: 5 }).toString()).toBe(
      "q=%28has+tags+%22vip%22%29&s=-creation_time&page_size=5",
    );
    expect(queryBody({ q: f.has("tags", "vip"), s: [{ field: "name" }] })).toEqual({
      q: ["has", "tags", "vip"],
      qs: "json",
      s: [{ field: "name" }],
      ss: "json",
    });
  });

  it("knows every field of the registry (src/client/fields.ts is up to date: npm run client:fields)", () => {
    expect(CONTACT_FIELDS).toEqual(fieldTree());
  });

  it("refuses at compile time what the API would refuse at run time", () => {
    const compileTimeOnly = () => {
      // @ts-expect-error unknown field
      f.eq("nme", "x");
      // @ts-expect-error a number field compares with numbers
      f.gt("info.cosellPartnerMetrics.accountCount", "3");
      // @ts-expect-error arrays are not ordered
      f.gt("tags", "x");
      // @ts-expect-error `has` takes arrays of strings
      f.has("name", "x");
      // @ts-expect-error patterns apply to strings only
      f.like("creation_time", "2024%");
      // @ts-expect-error `any` takes arrays of objects
      f.any("tags", (element) => element.isNull("x"));
      // @ts-expect-error element fields exist only inside `any`
      f.eq("industry", "Software");
      f.any("info.cosellPartnerMetrics.accounts", (account) =>
        // @ts-expect-error a contact field is not an element field
        account.eq("name_of_contact", "x"),
      );
    };
    expect(compileTimeOnly).toBeTypeOf("function");
  });
});
