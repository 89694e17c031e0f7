import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serializedBytes } from "../../src/query/parse-query.ts";

describe("the size of a JSON filter given as a value", () => {
  it("is the UTF-8 size of its serialization, measured without building it", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(serializedBytes(value)).toBe(new TextEncoder().encode(JSON.stringify(value)).length);
      }),
      { numRuns: 2000 },
    );
  });

  it("measures nesting deeper than the call stack", () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(serializedBytes(deep)).toBe(2 * 200_001);
  });
});
