import { beforeAll, describe, expect, it } from "vitest";
import { GENERATED_ORG, ORG_ALPHA, ORG_BETA } from "../fixtures/contacts.ts";
import { keyFor, request, setDatabaseDown } from "../support/http.ts";
import { type Json, openApiChecks } from "../support/openapi.ts";

/**
 * The export and the facets as /openapi.json documents them: real responses —
 * both export formats (each NDJSON line a documented `Contact`), facet counts,
 * 304s and errors with their headers — validate against the document.
 */
const api = openApiChecks();
const { ajv } = api;
let document: Json;
beforeAll(async () => {
  document = await api.load();
});

const EXPORT = "/org/{orgId}/contact/export";
const FACETS = "/org/{orgId}/contact/facets";

const conforms = api.conformingText;

const get = (path: string, params: Record<string, string>, key = keyFor(ORG_ALPHA), org = ORG_ALPHA) =>
  request(`/org/${org}/contact/${path}?${new URLSearchParams(params)}`, {
    headers: { Authorization: `Bearer ${key}` },
  });

describe("the OpenAPI document: exports and facets", () => {
  it("documents both operations, GET and POST, with their parameters and media types", () => {
    const paths = document.paths as Record<string, Record<string, Json>>;
    expect(Object.keys(paths[EXPORT] ?? {})).toEqual(["get", "post"]);
    expect(Object.keys(paths[FACETS] ?? {})).toEqual(["get", "post"]);
    const parameters = (operation: Json | undefined) =>
      ((operation?.parameters ?? []) as { name: string }[]).map((parameter) => parameter.name);
    expect(parameters(paths[EXPORT]?.get)).toEqual(["orgId", "q", "qs", "s", "ss", "fields", "search", "format"]);
    expect(parameters(paths[FACETS]?.get)).toEqual([
      "orgId",
      "q",
      "qs",
      "search",
      "facet",
      "limit",
      "stats",
      "histogram",
      "count",
      "If-None-Match",
    ]);
    const exported = (paths[EXPORT]?.get?.responses as Record<string, { content: Json }>)["200"]?.content;
    expect(Object.keys(exported ?? {})).toEqual(["application/x-ndjson", "text/csv"]);
  });

  it("exports: NDJSON (every whole-contact line a Contact), CSV", async () => {
    const validateContact = ajv.compile({ $ref: "openapi.json#/components/schemas/Contact" });
    const validateProjected = ajv.compile({ $ref: "openapi.json#/components/schemas/ProjectedContact" });
    // The generated rows hold awkward values (wrong-typed, null, missing `info` paths): every line is a Contact.
    for (const organizationId of [GENERATED_ORG, ORG_ALPHA]) {
      const text = await conforms(await get("export", {}, keyFor(organizationId), organizationId), EXPORT, "get");
      const lines = text.split("\n").filter(Boolean);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines)
        expect(validateContact(JSON.parse(line)), ajv.errorsText(validateContact.errors)).toBe(true);
    }
    const projected = await conforms(
      await get(
        "export",
        { fields: "name,info.cosellPartnerMetrics.accountCount" },
        keyFor(GENERATED_ORG),
        GENERATED_ORG,
      ),
      EXPORT,
      "get",
    );
    const projectedLines = projected.split("\n").filter(Boolean);
    expect(projectedLines.length).toBeGreaterThan(0);
    for (const line of projectedLines)
      expect(validateProjected(JSON.parse(line)), ajv.errorsText(validateProjected.errors)).toBe(true);
    await conforms(await get("export", { format: "csv", fields: "name,info.partner" }), EXPORT, "get");
  });

  it("export errors: 400, 401, 403, 405, 413, 503", async () => {
    await conforms(await get("export", { format: "xml" }), EXPORT, "get");
    await conforms(await request(`/org/${ORG_ALPHA}/contact/export`), EXPORT, "get");
    await conforms(await get("export", {}, keyFor(ORG_BETA)), EXPORT, "get");
    await conforms(
      await request(`/org/${ORG_ALPHA}/contact/export`, {
        method: "PATCH",
        headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
      }),
      EXPORT,
      "get",
    );
    await conforms(
      await request(`/org/${ORG_ALPHA}/contact/export`, {
        method: "POST",
        headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}`, "Content-Type": "application/json" },
        body: JSON.stringify({ q: "x".repeat(70_000) }),
      }),
      EXPORT,
      "post",
    );
    await setDatabaseDown(true);
    try {
      await conforms(await get("export", { s: "-name" }), EXPORT, "get");
    } finally {
      await setDatabaseDown(false);
    }
  });

  it("facets: counts, a 304, errors", async () => {
    const first = await get("facets", { facet: "tags,info.partner,info.cosellPartnerMetrics.successRate" });
    const etag = first.headers.get("ETag") ?? "";
    await conforms(first, FACETS, "get");
    const notModified = await request(
      `/org/${ORG_ALPHA}/contact/facets?facet=tags,info.partner,info.cosellPartnerMetrics.successRate`,
      {
        headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}`, "If-None-Match": etag },
      },
    );
    expect(notModified.status).toBe(304);
    await conforms(notModified, FACETS, "get");
    await conforms(
      await request(`/org/${ORG_ALPHA}/contact/facets`, {
        method: "POST",
        headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}`, "Content-Type": "application/json" },
        body: JSON.stringify({ facet: ["info.enrichedContactInfo.info.isPrimary", "name"], limit: 3 }),
      }),
      FACETS,
      "post",
    );
    await conforms(await get("facets", { facet: "creation_time" }), FACETS, "get");
    await conforms(await get("facets", { facet: "name" }, keyFor(ORG_BETA)), FACETS, "get");
    await conforms(await request(`/org/${ORG_ALPHA}/contact/facets?facet=name`), FACETS, "get");
  });

  it("stats and histograms: answers of each shape, GET and POST", async () => {
    const requests: Record<string, string>[] = [
      { stats: "creation_time,info.cosellPartnerMetrics.successRate,info.enrichedContactInfo.creationTime" },
      { histogram: "creation_time:week,info.cosellPartnerMetrics.pipeline.USD:0.5" },
      { facet: "tags", stats: "info.cosellPartnerMetrics.accountCount", histogram: "last_update_time:quarter" },
      { stats: "info.cosellPartnerMetrics.successRate", q: '(= name "nobody")' },
      { histogram: "creation_time:year", count: "estimated" },
    ];
    for (const params of requests) {
      await conforms(await get("facets", params, keyFor(GENERATED_ORG), GENERATED_ORG), FACETS, "get");
    }
    await conforms(
      await request(`/org/${GENERATED_ORG}/contact/facets`, {
        method: "POST",
        headers: { Authorization: `Bearer ${keyFor(GENERATED_ORG)}`, "Content-Type": "application/json" },
        body: JSON.stringify({ stats: ["creation_time"], histogram: ["info.cosellPartnerMetrics.successRate:10"] }),
      }),
      FACETS,
      "post",
    );
    await conforms(await get("facets", { histogram: "creation_time:hour" }), FACETS, "get");
  });

  it("would catch drift: doctored counts do not validate", () => {
    const validate = ajv.compile({ $ref: "openapi.json#/components/schemas/FacetCounts" });
    const base = { total_count: 2, exact: true };
    expect(validate({ facets: { tags: [{ value: "vip", count: 2 }] }, ...base })).toBe(true);
    expect(validate({ facets: { tags: [{ value: "vip", count: 0 }] }, ...base })).toBe(false);
    expect(validate({ facets: { tags: [{ value: ["vip"], count: 1 }] }, ...base })).toBe(false);
    expect(validate({ facets: { tags: [{ value: "vip" }] }, ...base })).toBe(false);
    expect(validate({ facets: {}, ...base, extra: true })).toBe(false);
    expect(validate({ facets: {}, total_count: 2 })).toBe(false);
    const stats = { count: 1, min: 2.5, max: 2.5, sum: 2.5, avg: 2.5 };
    expect(validate({ stats: { "info.cosellPartnerMetrics.successRate": stats }, ...base })).toBe(true);
    expect(validate({ stats: { "info.cosellPartnerMetrics.successRate": { ...stats, avg: "2.5" } }, ...base })).toBe(
      false,
    );
    expect(validate({ stats: { creation_time: { ...stats, sum: undefined } }, ...base })).toBe(false);
    expect(validate({ histograms: { "creation_time:month": [{ key: null, count: 2 }] }, ...base })).toBe(true);
    expect(validate({ histograms: { "creation_time:month": [{ key: null, count: 0 }] }, ...base })).toBe(false);
  });
});
