import { describe, expect, it } from "vitest";
import { readLisp } from "../../src/query/lisp.ts";
import { queryErrorOf } from "../support/query-error.ts";

/** The LISP reader on its own: literals, escapes, whitespace, and errors with positions. */
const fails = (text: string) => queryErrorOf(() => readLisp(text));

describe("readLisp", () => {
  it("reads operators, words and every literal kind", () => {
    const node = readLisp('(op field "text" -3 2.5 1e3 true false null)');
    expect(node).toMatchObject({
      kind: "seq",
      items: [
        { kind: "word", text: "op" },
        { kind: "word", text: "field" },
        { kind: "string", value: "text" },
        { kind: "number", value: -3 },
        { kind: "number", value: 2.5 },
        { kind: "number", value: 1000 },
        { kind: "boolean", value: true },
        { kind: "boolean", value: false },
        { kind: "null" },
      ],
    });
  });

  it("decodes JSON escapes in strings", () => {
    const node = readLisp('(= name "O\\"Brien \\\\ \\u00e9 \\n \\t \\/")');
    expect(node).toMatchObject({ items: [{}, {}, { kind: "string", value: 'O"Brien \\ é \n \t /' }] });
  });

  it("takes whitespace and newlines freely and records positions", () => {
    const node = readLisp('\n  (and\n\t(= name "a")\r\n   (has tags "b"))  ');
    expect(node.at).toEqual({ line: 2, column: 3 });
    expect(node).toMatchObject({ items: [{}, { at: { line: 3, column: 2 } }, { at: { line: 4, column: 4 } }] });
  });

  it("reads nested lists", () => {
    expect(readLisp('(in name ("a" "b"))')).toMatchObject({
      items: [{}, {}, { kind: "seq", items: [{ value: "a" }, { value: "b" }] }],
    });
  });

  const errors: [string, string][] = [
    ['(= name "Ada"', "q: expected ')' at line 1, column 14"],
    ['(= name "Ada"))', "q: unexpected ')' at line 1, column 15"],
    ['(= name "Ada', "q: unterminated string at line 1, column 9"],
    ['(= name "\\x")', "q: invalid escape '\\x' at line 1, column 10"],
    ['(= name "\\u12G4")', "q: invalid \\u escape (expected 4 hex digits) at line 1, column 10"],
    ["(= n 1.2.3)", "q: invalid number '1.2.3' at line 1, column 6"],
    ["(= n 1e999)", "q: number out of range '1e999' at line 1, column 6"],
    [
      "(a) (b)",
      "q: unexpected content after the expression (a filter is one expression: combine filters with (and ...) or (or ...)) at line 1, column 5",
    ],
    ["", "q: expected an expression at line 1, column 1"],
    [")", "q: unexpected ')' at line 1, column 1"],
    ['(and\n  (= name "x")\n  (= name "y"', "q: expected ')' at line 3, column 14"],
  ];
  for (const [text, message] of errors) {
    it(`reports ${JSON.stringify(text)}`, () => {
      expect(fails(text).message).toBe(message);
    });
  }

  it("tells numbers from words as [+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)? does", () => {
    const kinds: [string, number | string][] = [
      ["1", 1],
      ["+1", 1],
      ["-0", 0],
      ["1.", 1],
      [".5", 0.5],
      ["-1.5e+2", -150],
      ["1.e3", 1000],
      ["2E-2", 0.02],
      ["-", "word"],
      ["+", "word"],
      [".", "word"],
      ["e5", "word"],
      ["-x", "word"],
      ["+.e1", "word"],
    ];
    for (const [text, expected] of kinds) {
      const node = readLisp(`(${text})`);
      expect(node).toMatchObject({
        items: [typeof expected === "number" ? { kind: "number", value: expected } : { kind: "word", text }],
      });
    }
    for (const text of ["1e", "1e+", ".5.", "1x", "-.5e", "1..2"]) {
      expect(fails(`(${text})`).message).toBe(`q: invalid number '${text}' at line 1, column 2`);
    }
  });

  it("reads strings and whitespace spanning lines, and counts the lines", () => {
    const node = readLisp('(a\u00a0"x\ny\\n"\n\t\u3000b)');
    expect(node).toMatchObject({
      items: [
        { kind: "word", text: "a" },
        { kind: "string", value: "x\ny\n" },
        { kind: "word", text: "b", at: { line: 3, column: 3 } },
      ],
    });
  });

  it("rejects 100 000 opening parentheses quickly, without exhausting the stack", () => {
    const started = Date.now();
    const error = fails("(".repeat(100_000));
    expect(error.code).toBe("limit");
    expect(error.message).toBe("q: filter is nested deeper than 32 levels at line 1, column 34");
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
