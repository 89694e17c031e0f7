import { describe, expect, it } from "vitest";
import { ALL_ERROR_CODES, ERROR_CODES } from "../../src/http/error-codes.ts";
import { fieldCatalog } from "../../src/query/field-catalog.ts";
import { OPERATORS, type OperatorSpec } from "../../src/query/operators.ts";
import { DOCUMENTED_FIELDS } from "../fixtures/documented-schema.ts";
import { request } from "../support/http.ts";

/**
 * What a newcomer finds without a key: `GET /` names the docs and the
 * document (a browser is sent to the docs); the document's description is
 * the whole reference — grammar, every operator, every field, every error
 * code — and points at nothing outside the deployment; `/docs/errors` has
 * one anchor per code, where problem details' `type` points.
 */
const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

describe("GET /", () => {
  it("answers a small JSON index naming /docs and /openapi.json", async () => {
    for (const accept of [undefined, "*/*", "application/json"]) {
      const response = await request("/", accept ? { headers: { Accept: accept } } : {});
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
      expect(response.headers.get("Vary")).toMatch(/\bAccept\b/);
      const index = (await response.json()) as Record<string, unknown>;
      expect(index).toMatchObject({ docs: "/docs", openapi: "/openapi.json", errors: "/docs/errors" });
      const paths = (index.endpoints as { path: string }[]).map((endpoint) => endpoint.path);
      expect(paths).toContain("/org/{orgId}/contact/query");
      // Every path it names is served.
      for (const path of [index.docs, index.openapi, index.errors] as string[]) {
        expect((await request(path)).status, path).toBe(200);
      }
    }
  });

  it("sends a browser asking for HTML to /docs", async () => {
    const response = await request("/", { headers: { Accept: BROWSER }, redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/docs");
    expect(response.headers.get("Vary")).toMatch(/\bAccept\b/);
  });
});

describe("the reference in the document's description, rendered at /docs", () => {
  async function description(): Promise<string> {
    const document = (await (await request("/openapi.json")).json()) as { info: { description: string } };
    return document.info.description;
  }

  it("holds the grammar of both filter syntaxes and of sorts", async () => {
    const text = await description();
    expect(text).toContain("## The query language");
    expect(text).toContain('filter   = "(" operator argument* ")"');
    expect(text).toContain('filter   = ["operator", argument, ...]');
    expect(text).toContain("`ss=simple`");
    expect(text).toContain('`ss=json`: `[{"field": "creation_time", "order": "desc"}');
  });

  it("lists every operator with its aliases and an example", async () => {
    const text = await description();
    for (const [name, spec] of Object.entries(OPERATORS) as [string, OperatorSpec][]) {
      const row = text.split("\n").find((line) => line.startsWith(`| \`${name}\``));
      expect(row, name).toBeDefined();
      for (const alias of spec.aliases ?? []) expect(row, `${name} alias ${alias}`).toContain(`\`${alias}\``);
      expect(row, name).toContain(`\`${spec.example.replaceAll("|", "\\|")}\``);
    }
  });

  it("lists every documented field with its type", async () => {
    const text = await description();
    for (const field of DOCUMENTED_FIELDS) {
      const row = text.split("\n").find((line) => line.startsWith(`| \`${field.path}\``));
      expect(row, field.path).toBeDefined();
      expect(row, field.path).toContain(` | ${field.type} | `);
    }
    expect(fieldCatalog().length).toBeGreaterThan(0);
  });

  it("lists every error code, linking to its entry on /docs/errors", async () => {
    const text = await description();
    for (const code of [
      "unknown_field",
      "syntax_error",
      "invalid_page_token",
      "rate_limited",
      "database_unavailable",
    ]) {
      expect(text).toContain(`[\`${code}\`](/docs/errors#${code})`);
    }
    for (const code of ALL_ERROR_CODES) expect(text).toContain(`(/docs/errors#${code})`);
  });

  it("points at nothing outside the deployment", async () => {
    const served = await (await request("/openapi.json")).text();
    expect(served).not.toMatch(/\.md\b/);
    expect(served).not.toMatch(/\bdocs\/(?!errors\b)/);
    expect(served).not.toMatch(/https?:\/\/(?!api\.test)/);
  });
});

describe("/docs/errors", () => {
  it("is a page with an anchor per code, each with its status, title and what to do", async () => {
    const response = await request("/docs/errors");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(response.headers.get("Content-Security-Policy")).toMatch(/default-src 'none'/);
    const html = await response.text();
    for (const code of ALL_ERROR_CODES) {
      expect(html).toContain(`<section id="${code}">`);
      expect(html).toContain(`${ERROR_CODES[code].status} · ${ERROR_CODES[code].title}`);
    }
    expect(html).not.toMatch(/<script/);
    expect(html).toContain('href="/docs"');
  });

  it("has the anchor of every problem's type", async () => {
    const html = await (await request("/docs/errors")).text();
    const problem = (await (
      await request("/org/nope/contact/query", { headers: { Accept: "application/problem+json" } })
    ).json()) as { type: string };
    const anchor = problem.type.split("#")[1];
    expect(problem.type.startsWith("/docs/errors#")).toBe(true);
    expect(html).toContain(`id="${anchor}"`);
  });
});

describe("the document describes errors in both media types", () => {
  it("every error response of every operation: the JSON string and problem details of its codes", async () => {
    const document = (await (await request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
      components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
    };
    expect(document.components.schemas.Problem?.properties?.code?.enum).toEqual(ALL_ERROR_CODES);
    let errors = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          errors += 1;
          const where = `${method} ${path} ${status}`;
          expect(Object.keys(response.content ?? {}).sort(), where).toEqual([
            "application/json",
            "application/problem+json",
          ]);
          const codes = JSON.stringify(response.content?.["application/problem+json"]);
          for (const code of ALL_ERROR_CODES.filter((name) => ERROR_CODES[name].status === Number(status))) {
            expect(codes, where).toContain(`"${code}"`);
          }
        }
      }
    }
    expect(errors).toBeGreaterThan(40);
  });
});
