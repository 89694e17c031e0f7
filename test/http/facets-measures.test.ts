import { beforeAll, describe, expect, it } from "vitest";
import { buildFilter } from "../../src/query/build-filter.ts";
import { CONTACT_SCOPE, resolveField } from "../../src/query/field-registry.ts";
import { parseHistograms } from "../../src/query/histograms.ts";
import { readLisp } from "../../src/query/lisp.ts";
import { parseStatsFields } from "../../src/query/stats.ts";
import { ALL_FIXTURES, GENERATED_ORG, ORG_ALPHA } from "../fixtures/contacts.ts";
import { referenceQuery } from "../reference/evaluate.ts";
import { referenceFacet } from "../reference/facets.ts";
import { referenceHistogram, referenceStats } from "../reference/measures.ts";
import { execute, scratchOrganization } from "../support/db-write.ts";
import { parseExactJson } from "../support/exact-json.ts";
import { keyFor, request, roundTripCount } from "../support/http.ts";

/**
 * `stats`, `histogram` and `count` on the facets endpoint through the Worker:
 * the answer's shape (a key only when asked for, `exact` always), its values
 * against the reference, every 400 of these parameters, `exact` in both count
 * modes, and the canonical cache key.
 */
function facets(organizationId: string, params: Record<string, string>, key = keyFor(organizationId)) {
  return request(`/org/${organizationId}/contact/facets?${new URLSearchParams(params)}`, {
    headers: { Authorization: `Bearer ${key}` },
  });
}

function postFacets(organizationId: string, body: unknown, key = keyFor(organizationId)) {
  return request(`/org/${organizationId}/contact/facets`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function okText(response: Response): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return text;
}

async function errorOf(response: Response): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBe(400);
  return JSON.parse(text) as string;
}

/** The reference answer of a request over GENERATED_ORG, numbers as decimal text (see parseExactJson). */
function expected(params: { q?: string; stats?: string; histogram?: string }) {
  const filter = params.q ? buildFilter(readLisp(params.q), "lisp") : null;
  const matching = referenceQuery(ALL_FIXTURES, GENERATED_ORG, filter, []);
  const answer: Record<string, unknown> = {};
  if (params.stats) {
    answer.stats = Object.fromEntries(
      parseStatsFields(params.stats).map(({ field }) => {
        const stats = referenceStats(matching, field);
        return [field.name, { ...stats, count: String(stats.count) }];
      }),
    );
  }
  if (params.histogram) {
    answer.histograms = Object.fromEntries(
      parseHistograms(params.histogram).map(({ field, interval, key }) => [
        key,
        referenceHistogram(matching, field, interval).map((bucket) => ({ ...bucket, count: String(bucket.count) })),
      ]),
    );
  }
  return { ...answer, total_count: String(matching.length), exact: true };
}

describe("stats and histograms: answers", () => {
  it("a key only when asked for, `exact` always; values as the reference computes them", async () => {
    const stats = "info.cosellPartnerMetrics.successRate,creationTime,info.cosellPartnerMetrics.pipeline.USD";
    const histogram = "creationTime:month,info.cosellPartnerMetrics.accountCount:2";
    const q = "(exists info.partner)";
    const statsOnly = parseExactJson(await okText(await facets(GENERATED_ORG, { stats, q })));
    expect(Object.keys(statsOnly as object)).toEqual(["stats", "total_count", "exact"]);
    expect(statsOnly).toEqual(expected({ q, stats }));
    // Keys canonical, in code-point order.
    expect(Object.keys((statsOnly as { stats: object }).stats)).toEqual([
      "creation_time",
      "info.cosellPartnerMetrics.pipeline.USD",
      "info.cosellPartnerMetrics.successRate",
    ]);
    const histogramsOnly = parseExactJson(await okText(await facets(GENERATED_ORG, { histogram })));
    expect(Object.keys(histogramsOnly as object)).toEqual(["histograms", "total_count", "exact"]);
    expect(histogramsOnly).toEqual(expected({ histogram }));
    expect(Object.keys((histogramsOnly as { histograms: object }).histograms)).toEqual([
      "creation_time:month",
      "info.cosellPartnerMetrics.accountCount:2",
    ]);
  });

  it("all three in one request and one round trip, GET and POST alike", async () => {
    const params = {
      q: `(!= name "measures-${Date.now()}")`,
      facet: "info.partner",
      stats: "last_update_time",
      histogram: "last_update_time:week",
      limit: "3",
    };
    const before = await roundTripCount();
    const get = await okText(await facets(GENERATED_ORG, params));
    expect(await roundTripCount()).toBe(before + 1);
    const body = JSON.parse(get) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["facets", "stats", "histograms", "total_count", "exact"]);
    const matching = referenceQuery(ALL_FIXTURES, GENERATED_ORG, buildFilter(readLisp(params.q), "lisp"), []);
    const partner = resolveField("info.partner", CONTACT_SCOPE);
    if (!partner) throw new Error("info.partner");
    expect(body.facets).toEqual({ "info.partner": referenceFacet(matching, partner, 3) });
    expect(parseExactJson(get)).toMatchObject(expected(params));
    const post = await okText(
      await postFacets(GENERATED_ORG, {
        ...params,
        stats: ["lastUpdateTime"],
        histogram: [" lastUpdateTime : week "],
        limit: 3,
      }),
    );
    expect(post).toBe(get);
  });

  it("count=estimated within the bound is exact, and equal to count=exact", async () => {
    const params = { facet: "tags", stats: "creation_time", histogram: "creation_time:quarter" };
    const exact = JSON.parse(await okText(await facets(GENERATED_ORG, params)));
    const estimated = JSON.parse(await okText(await facets(GENERATED_ORG, { ...params, count: "estimated" })));
    expect(exact.exact).toBe(true);
    expect(estimated).toEqual(exact);
  });
});

describe("stats and histograms: 400s", () => {
  it("name the parameter, the field and the position", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ limit: "5" }, "facet: at least one of facet, stats or histogram is required"],
      [{ stats: "", histogram: "" }, "facet: at least one of facet, stats or histogram is required"],
      [
        { stats: "creation_tme" },
        "stats: unknown field 'creation_tme' (did you mean 'creation_time'?) at line 1, column 1",
      ],
      [
        { stats: "creation_time, info.cosellPartnerMetrics.sucessRate" },
        "stats: unknown field 'info.cosellPartnerMetrics.sucessRate' (did you mean 'info.cosellPartnerMetrics.successRate'?) at line 1, column 16",
      ],
      [
        { stats: "name" },
        "stats: field 'name' is of type string; stats takes integer, number, date and date-time fields at line 1, column 1",
      ],
      [
        { stats: "tags" },
        "stats: field 'tags' is of type string[]; stats takes integer, number, date and date-time fields at line 1, column 1",
      ],
      [
        { stats: "info.cosellPartnerMetrics.pipeline" },
        "stats: field 'info.cosellPartnerMetrics.pipeline' is of type map<currency, number>; stats takes integer, number, date and date-time fields at line 1, column 1",
      ],
      [
        { stats: "info.cosellPartnerMetrics.accounts.createdDate" },
        "stats: 'info.cosellPartnerMetrics.accounts.createdDate' is a field of the elements of 'info.cosellPartnerMetrics.accounts' (object[]); stats takes integer, number, date and date-time fields of the contact itself at line 1, column 1",
      ],
      [{ stats: "creation_time,,last_update_time" }, "stats: empty field name at line 1, column 15"],
      [
        { stats: "creation_time,last_update_time,creation_time,last_update_time,creation_time,last_update_time" },
        "stats: at most 5 fields are allowed, found 6",
      ],
      [
        { histogram: "creation_time" },
        "histogram: expected <field>:<interval>, found 'creation_time' at line 1, column 1",
      ],
      [
        { histogram: "creation_time:hour" },
        "histogram: interval 'hour' of 'creation_time' (date-time) must be day, week, month, quarter or year at line 1, column 15",
      ],
      [
        { histogram: "creation_time:month, creation_time:Week" },
        "histogram: interval 'Week' of 'creation_time' (date-time) must be day, week, month, quarter or year (did you mean 'week'?) at line 1, column 36",
      ],
      [
        { histogram: "creation_time:7" },
        "histogram: interval '7' of 'creation_time' (date-time) must be day, week, month, quarter or year at line 1, column 15",
      ],
      ...["0", "-5", "0.0", "ten", "1e-21", "2e20", "1.23456789012345678901", ""].map(
        (width): [Record<string, string>, string] => [
          { histogram: `info.cosellPartnerMetrics.successRate:${width}` },
          `histogram: interval '${width}' of 'info.cosellPartnerMetrics.successRate' must be a positive number such as 10, 0.5 or 1e3, with at most 20 significant digits, from 1e-20 to 1e20 at line 1, column 39`,
        ],
      ),
      [
        { histogram: "info.cosellPartnerMetrics.successRate:month" },
        "histogram: interval 'month' of 'info.cosellPartnerMetrics.successRate' must be a positive number such as 10, 0.5 or 1e3, with at most 20 significant digits, from 1e-20 to 1e20 at line 1, column 39",
      ],
      [
        { histogram: "name:10" },
        "histogram: field 'name' is of type string; histogram takes integer, number, date and date-time fields at line 1, column 1",
      ],
      [
        { histogram: "lastUpdate:week" },
        "histogram: unknown field 'lastUpdate' (did you mean 'lastUpdateTime'?) at line 1, column 1",
      ],
      [
        { histogram: "creation_time:day,creation_time:week,creation_time:month,creation_time:year" },
        "histogram: at most 3 histograms are allowed, found 4",
      ],
      [
        { histogram: "creation_time:day, ,creation_time:week" },
        "histogram: empty histogram (expected <field>:<interval>) at line 1, column 20",
      ],
      [{ stats: "creation_time", count: "none" }, "count: must be 'exact' or 'estimated'"],
      [{ stats: "creation_time", count: "Exact" }, "count: must be 'exact' or 'estimated'"],
    ];
    for (const [params, message] of cases) {
      expect(await errorOf(await facets(ORG_ALPHA, params)), JSON.stringify(params)).toBe(message);
    }
    const twice = await request(`/org/${ORG_ALPHA}/contact/facets?stats=creation_time&stats=last_update_time`, {
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
    });
    expect(await errorOf(twice)).toBe("stats: given more than once");
    expect(await errorOf(await postFacets(ORG_ALPHA, { histogram: 3 }))).toBe(
      "histogram: must be a string or a list of strings",
    );
    expect(await errorOf(await postFacets(ORG_ALPHA, { stats: [], histogram: [] }))).toBe(
      "facet: at least one of facet, stats or histogram is required",
    );
    expect(await errorOf(await postFacets(ORG_ALPHA, { stats: ["creation_time"], count: "none" }))).toBe(
      "count: must be 'exact' or 'estimated'",
    );
  });

  it("a histogram of more than 2000 buckets among the matches is a 400; 2000 are answered", async () => {
    const { organizationId, key } = await scratchOrganization("buckets");
    await execute(
      `INSERT INTO contacts (id, organization_id, creation_time, last_update_time, info)
       SELECT 'b' || g, $1, timestamptz '2000-01-01T12:00:00Z' + g * interval '1 day',
              timestamptz '2000-01-01T12:00:00Z', jsonb_build_object('cosellPartnerMetrics', jsonb_build_object('successRate', g))
       FROM generate_series(1, 2001) AS g`,
      [organizationId],
    );
    expect(await errorOf(await facets(organizationId, { histogram: "creation_time:day" }, key))).toBe(
      "histogram: 'creation_time:day' has more than 2000 buckets among the matching contacts; use a wider interval",
    );
    const widths = await facets(
      organizationId,
      { histogram: "info.cosellPartnerMetrics.successRate:1", q: "(<= info.cosellPartnerMetrics.successRate 2000)" },
      key,
    );
    const body = JSON.parse(await okText(widths)) as { histograms: Record<string, unknown[]>; total_count: number };
    expect(body.histograms["info.cosellPartnerMetrics.successRate:1"]).toHaveLength(2000);
    expect(body.total_count).toBe(2000);
    const fewer = JSON.parse(await okText(await facets(organizationId, { histogram: "creation_time:week" }, key)));
    expect(fewer.histograms["creation_time:week"].length).toBeLessThan(300);
  });
});

describe("stats and histograms: the edge cache", () => {
  let params: Record<string, string>;
  beforeAll(() => {
    params = {
      q: `(!= name "measures-cache-${Date.now()}")`,
      stats: "creationTime,info.cosellPartnerMetrics.successRate",
      histogram: "info.cosellPartnerMetrics.successRate:10,creation_time:month",
    };
  });

  async function status(response: Response): Promise<string | null> {
    await okText(response);
    return response.headers.get("X-Cache");
  }

  async function hitEventually(send: () => Promise<Response>): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      if ((await status(await send())) === "HIT") return;
      await new Promise((resolve) => setTimeout(resolve, 50)); // the write happens after the answer
    }
    throw new Error("never a HIT");
  }

  it("the same request spelled differently is a HIT; another interval or count mode is not", async () => {
    expect(await status(await facets(GENERATED_ORG, params))).toBe("MISS");
    await hitEventually(() => facets(GENERATED_ORG, params));
    const respelled = {
      histogram: " creationTime:month , info.cosellPartnerMetrics.successRate:1e1",
      stats: "info.cosellPartnerMetrics.successRate, creation_time,creation_time",
      q: params.q as string,
      count: "exact",
      limit: "50",
    };
    expect(await status(await facets(GENERATED_ORG, respelled))).toBe("HIT");
    expect(
      await status(
        await postFacets(GENERATED_ORG, {
          q: ["!=", "name", (params.q as string).slice(10, -2)],
          qs: "json",
          stats: ["info.cosellPartnerMetrics.successRate", "creationTime"],
          histogram: ["creation_time:month", "info.cosellPartnerMetrics.successRate:10.00"],
        }),
      ),
    ).toBe("HIT");
    const before = await roundTripCount();
    expect(
      await status(
        await facets(GENERATED_ORG, {
          ...params,
          histogram: "info.cosellPartnerMetrics.successRate:5,creation_time:month",
        }),
      ),
    ).toBe("MISS");
    expect(await status(await facets(GENERATED_ORG, { ...params, histogram: "creation_time:week" }))).toBe("MISS");
    expect(await status(await facets(GENERATED_ORG, { ...params, count: "estimated" }))).toBe("MISS");
    expect(await status(await facets(GENERATED_ORG, { ...params, stats: "creation_time" }))).toBe("MISS");
    expect(await roundTripCount()).toBe(before + 4);
  });
});
