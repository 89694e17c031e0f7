import openApi31Schema from "@seriousme/openapi-schema-validator/schemas/v3.1/schema.json";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { SCALAR_BUNDLE } from "../../src/endpoints/docs/docs-page.ts";
import { ORG_ALPHA, ORG_BETA, ORG_EMPTY } from "../fixtures/contacts.ts";
import { keyFor, postQuery, query, request, setDatabaseDown } from "../support/http.ts";
import { type Json, openApiChecks, pointer } from "../support/openapi.ts";

/**
 * /openapi.json is a valid OpenAPI 3.1 document, and real responses of the
 * Worker — pages, errors of every kind, headers — validate against it with a
 * standard JSON Schema 2020-12 validator (OpenAPI 3.1 schemas are JSON Schema).
 */
const api = openApiChecks();
const { ajv, responseDoc } = api;
let document: Json;
beforeAll(async () => {
  document = await api.load();
});

/** Checks a real response's status, body and documented headers against the document; returns the parsed body. */
async function conforms(response: Response, path: string, method: string): Promise<unknown> {
  const text = await api.conformingText(response, path, method);
  if (!responseDoc(path, method, response.status).content) return undefined;
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  return JSON.parse(text) as unknown;
}

const QUERY = "/org/{orgId}/contact/query";
const FIELDS = "/org/{orgId}/contact/fields";

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).addFormat("media-range", true);
    addFormats(validate);
    const check = validate.compile(openApi31Schema);
    expect(check(document), validate.errorsText(check.errors)).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("is served without a key, with a server of this deployment", async () => {
    const response = await request("/openapi.json");
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(document.servers).toEqual([{ url: "https://api.test", description: "this deployment" }]);
  });

  it("documents every parameter, with examples of both syntaxes", () => {
    const get = (document.paths as Json)[QUERY] as Record<string, { parameters: Json[] }>;
    const parameters = get.get?.parameters ?? [];
    const byName = new Map(parameters.map((parameter) => [parameter.name, parameter]));
    for (const name of ["orgId", "q", "qs", "s", "ss", "page_size", "page_number"]) {
      expect(byName.get(name)?.description, name).toBeTruthy();
    }
    const qExamples = JSON.stringify(byName.get("q")?.examples);
    expect(qExamples).toContain("(and (=");
    expect(qExamples).toContain('[\\"and\\"');
    const sExamples = JSON.stringify(byName.get("s")?.examples);
    expect(sExamples).toContain("-creation_time,name");
    expect(sExamples).toContain('\\"field\\"');
  });

  it("documents the bearer scheme and every error status", () => {
    expect((document.components as Json).securitySchemes).toMatchObject({
      bearerAuth: { type: "http", scheme: "bearer" },
    });
    for (const status of [200, 304, 400, 401, 403, 404, 405, 413, 500, 503]) responseDoc(QUERY, "post", status);
    for (const status of [200, 304, 400, 401, 403, 404, 405, 500, 503]) responseDoc(QUERY, "get", status);
    for (const status of [200, 400, 401, 403, 404, 405, 500, 503]) responseDoc(FIELDS, "get", status);
  });

  it("documents every info path the language knows", () => {
    const info = JSON.stringify((document.components as { schemas: Json }).schemas.ContactInfo);
    for (const key of [
      "companyName",
      "cosellPartnerMetrics",
      "opportunities",
      "ownerEmail",
      "workExperiences",
      "seniority",
    ]) {
      expect(info).toContain(`"${key}"`);
    }
  });

  it("points the docs page at the Scalar bundle this deployment serves, and at nothing outside it", async () => {
    const response = await request("/docs");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<script src="${SCALAR_BUNDLE}">`);
    expect(html).not.toMatch(/<script[^>]+src="(https?:)?\/\//);
    expect(html).toContain("/openapi.json");
  });
});

describe("real responses match the document", () => {
  it("pages: full contacts, an empty organization, a page past the end", async () => {
    const pages: Record<string, string>[] = [
      {},
      { page_size: "1", page_number: "3" },
      { page_size: "2", page_number: "9" },
    ];
    for (const params of pages) {
      await conforms(await query(ORG_ALPHA, params), QUERY, "get");
    }
    await conforms(await query(ORG_BETA), QUERY, "get");
    await conforms(await query(ORG_EMPTY), QUERY, "get");
    const body = (await conforms(
      await postQuery(ORG_ALPHA, { q: ["has", "tags", "vip"], qs: "json" }),
      QUERY,
      "post",
    )) as { total_count: number };
    expect(body.total_count).toBe(1);
  });

  it("a cache hit and a 304", async () => {
    const first = await query(ORG_ALPHA, { page_size: "3", s: "name" });
    const etag = first.headers.get("ETag") ?? "";
    await conforms(first, QUERY, "get");
    const notModified = await request(`/org/${ORG_ALPHA}/contact/query?page_size=3&s=name`, {
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}`, "If-None-Match": etag },
    });
    expect(notModified.status).toBe(304);
    await conforms(notModified, QUERY, "get");
  });

  it("errors: 400, 401, 403, 404, 405, 413, 503", async () => {
    await conforms(await query(ORG_ALPHA, { q: "(= nme 1)" }), QUERY, "get");
    await conforms(await postQuery(ORG_ALPHA, { page_size: 0 }), QUERY, "post");
    await conforms(await request(`/org/${ORG_ALPHA}/contact/query`), QUERY, "get");
    await conforms(await query(ORG_ALPHA, {}, keyFor(ORG_BETA)), QUERY, "get");
    await conforms(await request("/nope"), QUERY, "get");
    await conforms(
      await request(`/org/${ORG_ALPHA}/contact/query`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
      }),
      QUERY,
      "get",
    );
    await conforms(await postQuery(ORG_ALPHA, JSON.stringify({ q: "x".repeat(70_000) })), QUERY, "post");
    await setDatabaseDown(true);
    try {
      await conforms(await query(ORG_ALPHA, { page_size: "17", s: "id" }), QUERY, "get");
    } finally {
      await setDatabaseDown(false);
    }
  });

  it("would catch drift: a doctored page or error does not validate", async () => {
    const path = pointer("paths", QUERY, "get", "responses", "200", "content", "application/json", "schema");
    const validatePage = ajv.compile({ $ref: `openapi.json#/${path}` });
    const real = (await (await query(ORG_ALPHA, { page_size: "1" })).json()) as { data: Json[] };
    expect(validatePage(real)).toBe(true);
    // A contact may lack keys (a projection) and `info` holds values as stored; the columns are typed.
    const { id: _dropped, ...withoutId } = real.data[0] ?? {};
    expect(validatePage({ ...real, data: [withoutId] })).toBe(false);
    expect(validatePage({ ...real, data: [{ ...real.data[0], extra: 1 }] })).toBe(false);
    expect(validatePage({ ...real, data: [{ ...real.data[0], creationTime: "yesterday" }] })).toBe(false);
    expect(validatePage({ ...real, data: [{ ...real.data[0], tags: "vip" }] })).toBe(false);
    expect(validatePage({ ...real, data: [{ ...real.data[0], info: [] }] })).toBe(false);
    expect(validatePage({ ...real, total_count: "3" })).toBe(false);
    const error = pointer("paths", QUERY, "get", "responses", "400", "content", "application/json", "schema");
    expect(ajv.compile({ $ref: `openapi.json#/${error}` })({ message: "q: bad" })).toBe(false);
  });

  it("a POST body is read as JSON whatever its declared media type, never silently ignored", async () => {
    const plain = await request(`/org/${ORG_ALPHA}/contact/query`, {
      method: "POST",
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}`, "Content-Type": "text/plain" },
      body: '{"q": "(= name \\"Ada Lovelace\\")"}',
    });
    expect(((await conforms(plain, QUERY, "post")) as { total_count: number }).total_count).toBe(1);
    const notJson = await request(`/org/${ORG_ALPHA}/contact/query`, {
      method: "POST",
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "q=(%3D%20name%20%22x%22)",
    });
    expect(await conforms(notJson, QUERY, "post")).toMatch(/^body: /);
    const empty = await request(`/org/${ORG_ALPHA}/contact/query`, {
      method: "POST",
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
    });
    expect(((await conforms(empty, QUERY, "post")) as { total_count: number }).total_count).toBe(3);
  });

  it("the field catalog", async () => {
    await conforms(
      await request(`/org/${ORG_ALPHA}/contact/fields`, { headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` } }),
      FIELDS,
      "get",
    );
  });
});
