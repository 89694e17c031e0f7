import { describe, expect, it } from "vitest";
import { parseContactQuery } from "../../src/query/parse-query.ts";
import { QueryPlan } from "../../src/query/plan.ts";
import { QueryError } from "../../src/query/query-error.ts";
import { decodePageToken, encodePageToken } from "../../src/service/page-token.ts";

const SECRET = "test secret";
const query = (q: string, s: string, pageNumber = 1) =>
  new QueryPlan(parseContactQuery({ q, qs: "lisp", s, ss: "simple", page_size: 20, page_number: pageNumber }));
const walk = query('(= info.partner "AWS")', "-creation_time,name");
const cursor = { keys: ["2024-05-01T10:00:00.123456 AD", null], id: "c_1" };

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(QueryError);
  return (error as QueryError).message;
}

describe("page tokens", () => {
  it("round-trip the cursor and the next page's number", async () => {
    const token = await encodePageToken(
      SECRET,
      "org_a",
      query('(= info.partner "AWS")', "-creation_time,name", 3),
      cursor,
    );
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(await decodePageToken(SECRET, "org_a", walk, token)).toEqual({ after: cursor, pageNumber: 4 });
    // Any spelling of the same filter and sort is the same walk.
    const same = query('(eq info.partner "AWS")', "creation_time:desc,name:asc");
    expect((await decodePageToken(SECRET, "org_a", same, token)).pageNumber).toBe(4);
  });

  it("are bound to the filter and the sort", async () => {
    const token = await encodePageToken(SECRET, "org_a", walk, cursor);
    expect(
      await rejection(decodePageToken(SECRET, "org_a", query('(= info.partner "GCP")', "-creation_time,name"), token)),
    ).toBe("page_token: does not match q and s");
    expect(await rejection(decodePageToken(SECRET, "org_a", query('(= info.partner "AWS")', "name"), token))).toBe(
      "page_token: does not match q and s",
    );
  });

  it("are invalid when altered, malformed, signed with another secret or from another organization", async () => {
    const token = await encodePageToken(SECRET, "org_a", walk, cursor);
    const [body, signature] = token.split(".") as [string, string];
    const flipped = `${body.slice(0, 5)}${body[5] === "A" ? "B" : "A"}${body.slice(6)}.${signature}`;
    for (const bad of [
      flipped,
      `${body}.${signature.slice(1)}`,
      body,
      "",
      "a.b.c",
      "!!!.???",
      `${body}x.${signature}`,
    ]) {
      expect(await rejection(decodePageToken(SECRET, "org_a", walk, bad)), bad).toBe(
        "page_token: invalid (start the walk again without page_token)",
      );
    }
    expect(await rejection(decodePageToken("another secret", "org_a", walk, token))).toBe(
      "page_token: invalid (start the walk again without page_token)",
    );
    expect(await rejection(decodePageToken(SECRET, "org_b", walk, token))).toBe(
      "page_token: invalid (start the walk again without page_token)",
    );
  });
});
