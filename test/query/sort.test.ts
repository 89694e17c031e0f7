import { describe, expect, it } from "vitest";
import { readJson } from "../../src/query/json.ts";
import { buildJsonSort, parseSimpleSort } from "../../src/query/sort.ts";
import { queryErrorOf } from "../support/query-error.ts";

const simple = (text: string) => parseSimpleSort(text).map((key) => `${key.field.name}:${key.direction}`);
const json = (value: unknown) =>
  buildJsonSort(readJson(JSON.stringify(value), "s", 3)).map((key) => `${key.field.name}:${key.direction}`);

const fails = (run: () => unknown) => queryErrorOf(run).message;

describe("sort syntaxes", () => {
  it("reads the simple forms", () => {
    expect(simple("creation_time:desc,name:asc")).toEqual(["creation_time:desc", "name:asc"]);
    expect(simple("-creation_time,name")).toEqual(["creation_time:desc", "name:asc"]);
    expect(simple(" -creationTime , emailAddress:DESC ")).toEqual(["creation_time:desc", "email_address:desc"]);
    expect(simple("info.cosellPartnerMetrics.pipeline.USD:desc")).toEqual([
      "info.cosellPartnerMetrics.pipeline.USD:desc",
    ]);
  });

  it("reads the JSON form, order defaulting to asc", () => {
    expect(json([{ field: "creation_time", order: "desc" }, { field: "name" }])).toEqual([
      "creation_time:desc",
      "name:asc",
    ]);
  });

  const errors: [() => unknown, string][] = [
    [() => simple("nam"), "s: unknown field 'nam' (did you mean 'name'?) at line 1, column 1"],
    [
      () => simple("name,tags"),
      "s: cannot sort by 'tags' (string[]); only scalar fields are sortable at line 1, column 6",
    ],
    [() => simple("name:up"), "s: sort order must be 'asc' or 'desc', found 'up' at line 1, column 1"],
    [() => simple("name,,id"), "s: empty sort key at line 1, column 6"],
    [() => simple("-name:asc"), "s: '-name' already means descending; drop ':asc' at line 1, column 1"],
    [
      () =>
        simple(
          "a1,a2,a3,a4,a5,a6,a7,a8,a9".replace(
            /a\d/g,
            (m) =>
              [
                "id",
                "name",
                "email_address",
                "company_contact_id",
                "organization_id",
                "creation_time",
                "last_update_time",
                "info.companyName",
                "info.partner",
              ][Number(m[1]) - 1] ?? "",
          ),
        ),
      "s: at most 8 sort keys are allowed, found 9",
    ],
    [() => simple("name,name:desc"), "s: 'name' is sorted more than once"],
    [
      () => json([{ field: "info.cosellPartnerMetrics.accounts" }]),
      "s: cannot sort by 'info.cosellPartnerMetrics.accounts' (object[]); only scalar fields are sortable at /0/field",
    ],
    [() => json([{ field: "name", order: "up" }]), `s: "order" must be "asc" or "desc" at /0/order`],
    [() => json([{ field: "name", dir: "asc" }]), `s: unknown key 'dir' (expected "field" and "order") at /0/dir`],
    [
      () => json({ field: "name" }),
      `s: expected an array of {"field": ..., "order": ...}, found an object at the top level`,
    ],
  ];
  for (const [run, message] of errors) {
    it(message, () => expect(fails(run)).toBe(message));
  }
});
