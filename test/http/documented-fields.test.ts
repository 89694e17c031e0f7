import { describe, expect, it } from "vitest";
import { buildFilter } from "../../src/query/build-filter.ts";
import { readLisp } from "../../src/query/lisp.ts";
import { toJsonFilter } from "../../src/query/print.ts";
import { parseSimpleSort } from "../../src/query/sort.ts";
import { ALL_FIXTURES, GENERATED_ORG } from "../fixtures/contacts.ts";
import { referenceQuery } from "../reference/evaluate.ts";
import { type Page, postQuery, query } from "../support/http.ts";

/**
 * Filters and sorts on documented paths of every type — a nullable number, an
 * integer range, a nested boolean, a string array, arrays of objects — in both
 * syntaxes and both methods, answered as the reference evaluator answers them
 * over the fixture rows (and never vacuously: each matches some rows, not all).
 */
const cases: { q?: string; s?: string }[] = [
  { q: "(< info.cosellPartnerMetrics.successRate 33.5)" },
  { q: "(between info.cosellPartnerMetrics.inboundReferralCount 2 7)" },
  { q: "(= info.enrichedContactInfo.info.isPrimary true)" },
  { q: '(has info.cosellPartnerMetrics.industries "Software")' },
  { q: '(any info.cosellPartnerMetrics.accounts (= type "Customer"))' },
  { q: "(any info.enrichedContactInfo.info.workExperiences (= current true))" },
  { q: "(is-null info.cosellPartnerMetrics.successRate)" },
  { q: '(> info.cosellPartnerMetrics.accounts.opportunities.createdDate "2024-01-01")' },
  { q: '(any info.cosellPartnerMetrics.accounts (any opportunities (>= createdDate "2024-03-05T10:20:30Z")))' },
  { q: '(>= info.enrichedContactInfo.lastUpdateTime "2024-01-01T00:00:00+0000")' },
  { q: '(< info.cosellPartnerMetrics.accounts.createdDate "2024-01-01")' },
  { s: "-info.cosellPartnerMetrics.closedWonCount" },
  { s: "info.cosellPartnerMetrics.successRate,-info.enrichedContactInfo.lastUpdateTime" },
  { q: "(>= info.cosellPartnerMetrics.closedWonAmount.USD 1000)", s: "-info.cosellPartnerMetrics.pipeline.EUR" },
];

const organization = ALL_FIXTURES.filter((contact) => contact.organization_id === GENERATED_ORG);

function expectedIds(q: string | undefined, s: string | undefined): string[] {
  const filter = q === undefined ? null : buildFilter(readLisp(q), "lisp");
  const sort = parseSimpleSort(s ?? "-creation_time");
  return referenceQuery(ALL_FIXTURES, GENERATED_ORG, filter, sort).map((contact) => contact.id);
}

const ids = async (response: Response) => {
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as Page).data.map((contact) => contact.id);
};

describe("documented fields, through the Worker", () => {
  for (const { q, s } of cases) {
    it(`${q ?? ""} ${s ?? ""}`, async () => {
      // Element paths of arrays of objects are fields only inside `any`.
      if (q?.includes("accounts.")) {
        const response = await query(GENERATED_ORG, { q });
        expect(response.status).toBe(400);
        expect(await response.json()).toMatch(/unknown field/);
        return;
      }
      const expected = expectedIds(q, s);
      if (q !== undefined) {
        expect(expected.length, "matches some rows").toBeGreaterThan(0);
        expect(expected.length, "does not match every row").toBeLessThan(organization.length);
      }
      const params: Record<string, string> = { page_size: "1000", ...(s ? { s } : {}) };
      expect(await ids(await query(GENERATED_ORG, { ...params, ...(q ? { q } : {}) }))).toEqual(expected);
      if (q === undefined) return;
      const json = JSON.stringify(toJsonFilter(buildFilter(readLisp(q), "lisp")));
      expect(await ids(await query(GENERATED_ORG, { ...params, q: json, qs: "json" }))).toEqual(expected);
      expect(await ids(await postQuery(GENERATED_ORG, { ...params, q: JSON.parse(json), qs: "json" }))).toEqual(
        expected,
      );
    });
  }

  it("refuses invented paths, suggesting a documented one", async () => {
    for (const q of [
      '(= info.enrichedContactInfo.fullName "x")',
      '(has info.enrichedContactInfo.info.skills "x")',
      "(any info.cosellPartnerMetrics.accounts (any opportunities (= isWon true)))",
    ]) {
      const response = await query(GENERATED_ORG, { q });
      expect(response.status, q).toBe(400);
      expect(await response.json()).toMatch(/^q: unknown field '[^']+'.*\(did you mean '[^']+'\?\)/);
    }
  });
});
