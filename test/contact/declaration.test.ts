import { getTableColumns, getTableName } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CONTACT_COLUMNS, CONTACTS_TABLE } from "../../src/contact/columns.ts";
import { describeType } from "../../src/contact/types.ts";
import { contacts } from "../../src/db/schema.ts";
import { timestampMicros } from "../../src/query/timestamp.ts";

/** The declaration's columns agree with the table the migrations create (src/db/schema.ts). */
const DECLARED_BY_COLUMN_TYPE: Record<string, string> = {
  PgText: "string",
  PgTimestampString: "date-time",
  PgJsonb: "object",
  PgArray: "string[]",
};

describe("the contact's declaration", () => {
  const table = new Map(Object.values(getTableColumns(contacts)).map((column) => [column.name, column]));

  it("names the table's columns, every one of them", () => {
    expect(getTableName(contacts)).toBe(CONTACTS_TABLE);
    expect(CONTACT_COLUMNS.map(({ column }) => column).sort()).toEqual([...table.keys()].sort());
  });

  it("declares each column with the type of its table column", () => {
    for (const { key, column, type } of CONTACT_COLUMNS) {
      expect(describeType(type), key).toBe(DECLARED_BY_COLUMN_TYPE[table.get(column)?.columnType ?? ""]);
    }
  });

  it("declares the table's nullability: only the nullable text columns may be null", () => {
    for (const { key, column, nullable } of CONTACT_COLUMNS) expect(nullable, key).toBe(!table.get(column)?.notNull);
    expect(CONTACT_COLUMNS.filter(({ nullable }) => nullable).map(({ key }) => key)).toEqual([
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
