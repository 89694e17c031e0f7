import { describe, expect, it } from "vitest";
import { parseProjection } from "../../src/query/projection.ts";
import { queryErrorOf } from "../support/query-error.ts";

const message = (run: () => unknown) => queryErrorOf(run).message;

describe("fields= projections", () => {
  it("keeps id and the named keys, in response order, whatever the spelling", () => {
    expect(parseProjection("name,emailAddress,info.partner")).toEqual({
      keys: ["emailAddress", "id", "info", "name"],
      infoPaths: [["partner"]],
      names: ["name", "email_address", "info.partner"],
    });
    expect(parseProjection(" email_address , name,email_address").keys).toEqual(["emailAddress", "id", "name"]);
  });

  it("takes the whole info document for `info`, whatever paths come with it", () => {
    expect(parseProjection("info.partner,info")).toEqual({
      keys: ["id", "info"],
      names: ["info.partner", "info"],
    });
  });

  it("takes map keys and objects as paths", () => {
    expect(parseProjection("info.cosellPartnerMetrics.pipeline.EUR,info.enrichedContactInfo").infoPaths).toEqual([
      ["cosellPartnerMetrics", "pipeline", "EUR"],
      ["enrichedContactInfo"],
    ]);
  });

  it("refuses unknown fields with a suggestion and a position, empty names and too many", () => {
    expect(message(() => parseProjection("name,info.companyNam"))).toBe(
      "fields: unknown field 'info.companyNam' (did you mean 'info.companyName'?) at line 1, column 6",
    );
    expect(message(() => parseProjection("name,,id"))).toBe("fields: empty field name at line 1, column 6");
    expect(message(() => parseProjection(Array(51).fill("id").join(",")))).toBe(
      "fields: at most 50 fields are allowed, found 51",
    );
  });
});
