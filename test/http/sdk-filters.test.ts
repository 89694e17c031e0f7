import { describe, expect, it } from "vitest";
import { type Filter, f, toJson, toLisp } from "../../sdk/src/index.ts";
import { buildFilter } from "../../src/query/build-filter.ts";
import { readJson } from "../../src/query/json.ts";
import { readLisp } from "../../src/query/lisp.ts";
import { type JsonFilter, printLisp } from "../../src/query/print.ts";
import { ORG_ALPHA } from "../fixtures/contacts.ts";
import { sdkClient } from "../support/sdk.ts";

/**
 * The SDK's filter builder: it prints both syntaxes as the service reads them,
 * and the Worker answers what it builds, whether the SDK sends it in the URL
 * (GET) or, when long, as a POST body.
 */
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

const sortedIds = (data: { id: string }[]) => data.map((contact) => contact.id).sort();

/** A clause true of every contact whose text is long enough to push the URL past the SDK's GET limit. */
const LONG_TRUE = f.ne("id", "z".repeat(2100));

describe("the SDK's filter builder", () => {
  for (const { filter, lisp, ids } of cases) {
    it(lisp, async () => {
      expect(toLisp(filter)).toBe(lisp);
      // The SDK's printer is its own (the package cannot import the service): it prints as the service's does.
      expect(toLisp(filter)).toBe(printLisp(filter as unknown as JsonFilter));
      expect(JSON.parse(toJson(filter))).toEqual(filter);
      // Both printed forms mean the same filter to the service's own readers.
      expect(buildFilter(readJson(toJson(filter), "q"), "json")).toEqual(buildFilter(readLisp(lisp), "lisp"));

      const { client, calls } = sdkClient(ORG_ALPHA);
      const get = await client.query({ q: filter, s: [{ field: "name" }] });
      expect(sortedIds(get.data)).toEqual(ids);
      const post = await client.query({ q: f.and(filter, LONG_TRUE), s: [{ field: "name", order: "desc" }] });
      expect(sortedIds(post.data)).toEqual(ids);
      expect(calls.map((call) => call.method)).toEqual(["GET", "POST"]);
    });
  }

  it("refuses at compile time what the API would refuse at run time", () => {
    const compileTimeOnly = () => {
      // @ts-expect-error unknown field
      f.eq("nme", "x");
      // @ts-expect-error an enum value in the wrong case (the documented value is "AWS")
      f.eq("info.partner", "aws");
      // @ts-expect-error `in` takes documented enum values too
      f.in("info.enrichedContactInfo.status", ["Active"]);
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
      // @ts-expect-error map keys are currency codes in upper case
      f.gt("info.cosellPartnerMetrics.pipeline.eur", 10);
      f.any("info.cosellPartnerMetrics.accounts", (account) =>
        // @ts-expect-error a contact field is not an element field
        account.eq("name_of_contact", "x"),
      );
      // Ordered comparisons take any text, enum field or not: (> info.partner "M") is a range.
      f.gt("info.partner", "M");
    };
    expect(compileTimeOnly).toBeTypeOf("function");
  });
});
