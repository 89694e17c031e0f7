import { describe, expect, it } from "vitest";
import { parseFacetQuery } from "../../src/query/facet-request.ts";
import { canonicalFacetQuery } from "../../src/query/facets.ts";
import { canonicalWidth, parseHistograms } from "../../src/query/histograms.ts";
import { QueryError } from "../../src/query/query-error.ts";
import { parseStatsFields } from "../../src/query/stats.ts";

/** `stats=`, `histogram=` and `count=` of the facets endpoint: parsing, canonical forms, positions. */
function errorOf(run: () => unknown): QueryError {
  try {
    run();
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error("no error");
}

describe("histogram widths", () => {
  it("are exact decimals without superfluous zeros", () => {
    const cases: [string, string][] = [
      ["10", "10"],
      ["010", "10"],
      ["10.0", "10"],
      ["1e1", "10"],
      ["0.5", "0.5"],
      ["0.50", "0.5"],
      ["5e-1", "0.5"],
      ["2.5e3", "2500"],
      ["0.1", "0.1"],
      ["1E-7", "0.0000001"],
      ["1e-20", "0.00000000000000000001"],
      ["1e20", "100000000000000000000"],
      ["12345678901234567890", "12345678901234567890"],
      ["0.000123450", "0.00012345"],
    ];
    for (const [text, canonical] of cases) expect(canonicalWidth(text), text).toBe(canonical);
  });

  it("are positive, finite and bounded", () => {
    for (const text of [
      "0",
      "0.0",
      "0e5",
      "-1",
      "+1",
      "1e-21",
      "2e20",
      "1.1e20",
      "123456789012345678901",
      "",
      ".5",
      "5.",
      "1e",
      "0x10",
      "1_000",
      "Infinity",
      "NaN",
      "1e99999",
    ]) {
      expect(canonicalWidth(text), text).toBeUndefined();
    }
  });
});

describe("histograms", () => {
  it("keys canonical, duplicates one, in code-point order of the keys", () => {
    const histograms = parseHistograms(
      " creationTime : month,info.cosellPartnerMetrics.successRate:10.0,creation_time:month",
    );
    expect(histograms.map(({ key }) => key)).toEqual([
      "creation_time:month",
      "info.cosellPartnerMetrics.successRate:10",
    ]);
    expect(parseHistograms("info.cosellPartnerMetrics.successRate:5,creation_time:day").map(({ key }) => key)).toEqual([
      "creation_time:day",
      "info.cosellPartnerMetrics.successRate:5",
    ]);
    expect(histograms[0]?.interval).toEqual({ kind: "calendar", unit: "month" });
    expect(histograms[1]?.interval).toEqual({ kind: "width", width: "10" });
  });

  it("mistakes point at the field or the interval", () => {
    const error = errorOf(() => parseHistograms("creation_time:day,  info.cosellPartnerMetrics.accountCount:0"));
    expect(error.param).toBe("histogram");
    expect(error.position).toEqual({ line: 1, column: 60 });
    expect(errorOf(() => parseHistograms("creation_time:day,  nope:1")).position).toEqual({ line: 1, column: 21 });
  });
});

describe("stats fields", () => {
  it("canonical, duplicates one, in code-point order", () => {
    expect(
      parseStatsFields("lastUpdateTime, creation_time,last_update_time").map(({ field, kind }) => [field.name, kind]),
    ).toEqual([
      ["creation_time", "timestamp"],
      ["last_update_time", "timestamp"],
    ]);
    expect(parseStatsFields("info.cosellPartnerMetrics.pipeline.EUR")[0]?.kind).toBe("number");
  });
});

describe("the canonical request", () => {
  const key = (input: Record<string, unknown>) =>
    canonicalFacetQuery(parseFacetQuery({ qs: "lisp", limit: 10, ...input }));

  it("is the same for every spelling and order of the same request", () => {
    const a = key({ stats: "creationTime,info.cosellPartnerMetrics.successRate", histogram: "creation_time:week" });
    expect(
      key({ stats: ["info.cosellPartnerMetrics.successRate", "creation_time"], histogram: [" creationTime:week"] }),
    ).toBe(a);
    expect(
      key({ stats: "creation_time,info.cosellPartnerMetrics.successRate", histogram: "creation_time:week", limit: 99 }),
    ).toBe(a);
    expect(
      key({
        stats: "creation_time,info.cosellPartnerMetrics.successRate",
        histogram: "creation_time:week",
        count: "exact",
      }),
    ).toBe(a);
  });

  it("differs when the answer does", () => {
    const base = { histogram: "info.cosellPartnerMetrics.successRate:10" };
    const keys = [
      key(base),
      key({ histogram: "info.cosellPartnerMetrics.successRate:1" }),
      key({ ...base, count: "estimated" }),
      key({ ...base, stats: "creation_time" }),
      key({ ...base, facet: "tags" }),
      key({ ...base, facet: "tags", limit: 3 }),
      key({ ...base, q: '(has tags "vip")' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
