import { describe, expect, it } from "vitest";
import { fromJsonValue, readJson } from "../../src/query/json.ts";
import { queryErrorOf } from "../support/query-error.ts";

const fails = queryErrorOf;

describe("readJson", () => {
  it("reads arrays, objects and literals with JSON pointers", () => {
    const node = readJson('["and", ["=", "name", "a\\u00e9"], {"k/~": [1, -2.5e1, true, null]}]', "q");
    expect(node).toMatchObject({
      kind: "seq",
      at: { pointer: "" },
      items: [
        { kind: "string", value: "and", at: { pointer: "/0" } },
        { kind: "seq", items: [{}, {}, { kind: "string", value: "aé", at: { pointer: "/1/2" } }] },
        {
          kind: "object",
          entries: [
            [
              "k/~",
              { at: { pointer: "/2/k~1~0" }, items: [{ value: 1 }, { value: -25 }, { value: true }, { kind: "null" }] },
            ],
          ],
        },
      ],
    });
  });

  it("agrees with fromJsonValue on the same value", () => {
    const value = ["or", ["in", "name", ["a", "b"]], ["not", ["is-null", "tags"]]];
    expect(readJson(JSON.stringify(value, null, 2), "q")).toEqual(fromJsonValue(value, "q"));
  });

  const errors: [string, string][] = [
    ['["=", "name"', "q: expected ',' or ']' at line 1, column 13"],
    ['["=" "name"]', "q: expected ',' or ']' at line 1, column 6"],
    ["[1,]", "q: unexpected character ']' at line 1, column 4"],
    ["{a: 1}", "q: expected a string key at line 1, column 2"],
    ["[1] x", "q: unexpected content after the JSON value at line 1, column 5"],
    ["", "q: expected a JSON value at line 1, column 1"],
    ["[01]", "q: expected ',' or ']' at line 1, column 3"],
    ['"\\q"', "q: invalid escape '\\q' at line 1, column 2"],
    ["[1.]", "q: expected ',' or ']' at line 1, column 3"],
    ["[1e]", "q: expected ',' or ']' at line 1, column 3"],
    ["[-]", "q: unexpected character '-' at line 1, column 2"],
    ["[tru]", "q: unexpected character 't' at line 1, column 2"],
    ['"abc', "q: unterminated string at line 1, column 1"],
    ['"abc\\', "q: invalid escape '\\' at line 1, column 5"],
    [`[1${"0".repeat(400)}]`, `q: number out of range '1${"0".repeat(99)}…' at line 1, column 2`],
  ];
  for (const [text, message] of errors) {
    it(`reports ${JSON.stringify(text)}`, () => {
      expect(fails(() => readJson(text, "q")).message).toBe(message);
    });
  }

  it("reads every JSON number form", () => {
    expect(readJson("[0, -0, 12, 1.5, -2.5e1, 1E+2, 3e-1, 0.000001]", "q")).toMatchObject({
      items: [0, 0, 12, 1.5, -25, 100, 0.3, 0.000001].map((value) => ({ kind: "number", value })),
    });
  });

  it("rejects JSON nested 100 000 deep, from text or from a value", () => {
    expect(fails(() => readJson("[".repeat(100_000), "q")).code).toBe("limit");
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(fails(() => fromJsonValue(deep, "q")).code).toBe("limit");
  });
});
