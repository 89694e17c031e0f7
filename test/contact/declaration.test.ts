import { describe, expect, it } from "vitest";
import { CONTACT_COLUMNS, isNullable } from "../../src/contact/columns.ts";
import { describeType } from "../../src/contact/types.ts";
import { timestampMicros } from "../../src/query/timestamp.ts";

/** The declaration's column types agree with the table they name (src/db/schema.ts). */
const DECLARED_BY_COLUMN_TYPE: Record<string, string> = {
  PgText: "string",
  PgTimestampString: "date-time",
  PgJsonb: "object",
  PgArray: "string[]",
};

describe("the contact's declaration", () => {
  it("declares each column with the type of its table column", () => {
    for (const { key, column, type } of CONTACT_COLUMNS) {
      expect(describeType(type), key).toBe(DECLARED_BY_COLUMN_TYPE[column.columnType]);
    }
  });

  it("takes nullability from the table: only the nullable text columns may be null", () => {
    expect(CONTACT_COLUMNS.filter(isNullable).map(({ key }) => key)).toEqual([
      "companyContactId",
      "emailAddress",
      "name",
    ]);
  });

  it("reads every documented spelling of a date-time as the same instant, and a date as midnight UTC", () => {
    const instant = timestampMicros("2024-03-05T10:20:30Z");
    for (const spelling of [
      "2024-03-05T10:20:30.000+0000",
      "2024-03-05T10:20:30+00:00",
      "2024-03-05T10:20:30.000Z",
      "2024-03-05T10:20:30",
      "2024-03-05T11:20:30+0100",
    ]) {
      expect(timestampMicros(spelling), spelling).toBe(instant);
    }
    expect(timestampMicros("2024-03-05")).toBe(timestampMicros("2024-03-05T00:00:00Z"));
  });
});
