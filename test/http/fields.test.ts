import { describe, expect, it } from "vitest";
import { type FieldDescription as Field, fieldCatalog } from "../../src/query/field-catalog.ts";
import { type OperatorDescription as Operator, operatorCatalog } from "../../src/query/operator-catalog.ts";
import { ORG_ALPHA, ORG_BETA } from "../fixtures/contacts.ts";
import { keyFor, query, request } from "../support/http.ts";

/** GET /org/:orgId/contact/fields: field discovery from the registry, behind the same keys as queries. */
const fields = (organizationId: string, key = keyFor(organizationId), method = "GET") =>
  request(`/org/${organizationId}/contact/fields`, { method, headers: { Authorization: `Bearer ${key}` } });

describe("GET /org/:orgId/contact/fields", () => {
  it("lists every field of the registry with its type, operators and sortability", async () => {
    const response = await fields(ORG_ALPHA);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("private, max-age=300");
    const body = (await response.json()) as { fields: Field[] };
    expect(body.fields).toEqual(JSON.parse(JSON.stringify(fieldCatalog())));
    const byName = new Map(body.fields.map((field) => [field.name, field]));
    expect(byName.get("email_address")).toMatchObject({ alias: "emailAddress", type: "string", sortable: true });
    expect(byName.get("email_address")?.operators).toContain("ilike");
    expect(byName.get("tags")).toMatchObject({ type: "string[]", sortable: false });
    expect(byName.get("tags")?.operators).toEqual(["has", "has-any", "has-all", "is-null", "is-not-null"]);
    expect(byName.get("info.cosellPartnerMetrics.pipeline.USD")).toMatchObject({ type: "number", sortable: true });
    const accounts = byName.get("info.cosellPartnerMetrics.accounts");
    expect(accounts).toMatchObject({ type: "object[]", operators: ["any", "is-null", "is-not-null"] });
    const opportunities = accounts?.elementFields?.find((field) => field.name === "opportunities");
    expect(opportunities?.elementFields?.map((field) => field.name)).toContain("ownerEmail");
  });

  it("carries the operator table: names, aliases, summary, example and how each argument is written", async () => {
    const body = (await (await fields(ORG_ALPHA)).json()) as { fields: Field[]; operators: Operator[] };
    expect(body.operators).toEqual(JSON.parse(JSON.stringify(operatorCatalog())));
    const byName = new Map(body.operators.map((operator) => [operator.name, operator]));
    expect(byName.get("and")).toMatchObject({ aliases: [], arguments: ["filter"], variadic: true });
    expect(byName.get("not-in")).toMatchObject({ aliases: ["nin"], arguments: ["field", "list"], variadic: false });
    expect(byName.get("!=")?.aliases).toEqual(["ne", "<>"]);
    expect(byName.get("between")?.arguments).toEqual(["field", "value", "value"]);
    expect(byName.get("any")?.arguments).toEqual(["field", "filter"]);
    // Every operator a field lists is in the table, and every example is a filter the query endpoint accepts.
    const listed = new Set(body.fields.flatMap((field) => field.operators));
    for (const name of listed) expect(byName.has(name), name).toBe(true);
    for (const operator of body.operators) {
      const response = await query(ORG_ALPHA, { q: operator.example, page_size: "1" });
      expect(response.status, `${operator.example}: ${await response.clone().text()}`).toBe(200);
      for (const alias of operator.aliases) {
        const aliased = operator.example.replace(`(${operator.name} `, `(${alias} `);
        expect((await query(ORG_ALPHA, { q: aliased, page_size: "1" })).status, aliased).toBe(200);
      }
    }
  });

  it("every listed field and operator is accepted by the query endpoint", async () => {
    const body = (await (await fields(ORG_ALPHA)).json()) as { fields: Field[] };
    const probe: Record<string, string> = {
      string: '"x"',
      integer: "1",
      number: "1.5",
      date: '"2024-01-01"',
      "date-time": '"2024-01-01T10:00:00+0000"',
      boolean: "true",
      "string[]": '"x"',
    };
    for (const field of body.fields) {
      // One request per field: every operator it lists, or-ed together.
      const filters = field.operators.map((op) =>
        op === "any"
          ? `(any ${field.name} (is-null ${field.elementFields?.[0]?.name}))`
          : op.endsWith("null")
            ? `(${op} ${field.name})`
            : op === "between"
              ? `(between ${field.name} ${probe[field.type]} ${probe[field.type]})`
              : ["in", "not-in", "has-any", "has-all"].includes(op)
                ? `(${op} ${field.name} (${probe[field.type]}))`
                : `(${op} ${field.name} ${probe[field.type]})`,
      );
      const lisp = `(or ${filters.join(" ")})`;
      const response = await query(ORG_ALPHA, { q: lisp, page_size: "1" });
      expect(response.status, `${lisp}: ${await response.clone().text()}`).toBe(200);
      if (field.sortable) expect((await query(ORG_ALPHA, { s: `-${field.name}`, page_size: "1" })).status).toBe(200);
    }
  });

  it("needs a key of the organization, and only GET", async () => {
    const anonymous = await request(`/org/${ORG_ALPHA}/contact/fields`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect((await fields(ORG_ALPHA, keyFor(ORG_BETA))).status).toBe(403);
    const post = await fields(ORG_ALPHA, keyFor(ORG_ALPHA), "POST");
    expect(post.status).toBe(405);
    expect(post.headers.get("Allow")).toBe("GET");
  });
});
