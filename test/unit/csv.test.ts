import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvRecord, csvRecords } from "../../src/service/csv.ts";
import { parseCsv } from "../support/csv.ts";

describe("the CSV writer (RFC 4180)", () => {
  it("leaves plain text alone and quotes what needs it", () => {
    expect(csvField("Ada Lovelace")).toBe("Ada Lovelace");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("carriage\rreturn")).toBe('"carriage\rreturn"');
    expect(csvField("crlf\r\n")).toBe('"crlf\r\n"');
    expect(csvField("Zoë 東京 🙂")).toBe("Zoë 東京 🙂");
  });

  it("tells null (empty) from the empty string (quoted), and keeps leading and trailing spaces", () => {
    expect(csvField(null)).toBe("");
    expect(csvField("")).toBe('""');
    expect(csvField(" padded ")).toBe('" padded "');
    expect(csvField("\ttab")).toBe('"\ttab"');
    expect(csvField("in side")).toBe("in side");
  });

  it("writes records with CRLF", () => {
    expect(csvRecord(["id", "name"])).toBe("id,name\r\n");
    expect(csvRecord(["1", null, "", "x,y"])).toBe('1,,"","x,y"\r\n');
    expect(csvRecords([["a"], ["b"]])).toBe("a\r\nb\r\n");
    expect(csvRecords([])).toBe("");
  });

  it("round-trips through an RFC 4180 reader: quotes, commas, CR/LF, non-ASCII, spaces, empty vs null", () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.constant(""),
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: fc.constantFrom('"', ",", "\r", "\n", " ", "a", "é", "😀", "\t") }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 }), (rows) => {
        expect(parseCsv(csvRecords(rows))).toEqual(rows);
      }),
      { numRuns: 2000 },
    );
  });
});
