import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import type * as Explorer from "../../explorer/src/api/types.ts";
import { openApiDocument } from "../../scripts/generate/openapi-document.ts";
import { GENERATED_TYPES_FILE, openApiTypes } from "../../scripts/generate/openapi-types.ts";
import type * as Sdk from "../../sdk/src/answers.ts";
import type { components } from "../generated/openapi.d.ts";

type Schemas = components["schemas"];

/**
 * test/generated/openapi.d.ts is what openapi-typescript makes of the current
 * /openapi.json. It is committed so that `npm run typecheck` checks the test
 * that uses it (test/http/generated-client.test.ts); this fails when it is stale.
 */
describe("the client types generated from /openapi.json", () => {
  it("are current (npm run openapi:types regenerates them)", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined); // the request log
    const expected = await openApiTypes(await openApiDocument());
    vi.restoreAllMocks();
    expect(
      readFileSync(GENERATED_TYPES_FILE, "utf8") === expected,
      "test/generated/openapi.d.ts is stale: run npm run openapi:types",
    ).toBe(true);
  });
});

/**
 * The explorer reads the API as any client does, with types of its own
 * (explorer/src/api/types.ts). Each documented answer must be readable as the
 * explorer's type: `npm run typecheck` fails when the document and the page
 * part ways.
 */
describe("the explorer's reading of the answers", () => {
  it("accepts every answer the document describes", () => {
    expectTypeOf<Schemas["ContactPage"]>().toExtend<Explorer.ContactPage>();
    expectTypeOf<Schemas["FieldCatalog"]>().toExtend<Explorer.Catalog>();
    expectTypeOf<Schemas["Field"]>().toExtend<Explorer.FieldInfo>();
    expectTypeOf<Schemas["Operator"]>().toExtend<Explorer.OperatorInfo>();
    expectTypeOf<Schemas["FacetCounts"]>().toExtend<Explorer.FacetsAnswer>();
    expectTypeOf<Schemas["FacetValue"]>().toExtend<Explorer.FacetCount>();
    expectTypeOf<Schemas["FieldStats"]>().toExtend<Explorer.FieldStats>();
    expectTypeOf<Schemas["HistogramBucket"]>().toExtend<Explorer.HistogramBucket>();
    expectTypeOf<NonNullable<Schemas["Problem"]["position"]>>().toExtend<Explorer.ErrorPosition>();
  });
});

/**
 * The SDK's answer types (sdk/src/answers.ts) are written by hand, as the
 * package depends on nothing: each documented answer must be readable as the
 * SDK's type. Stats are the exception: the SDK splits them by field kind
 * (NumberStats, DateStats), which the document's one FieldStats does not.
 */
describe("the SDK's reading of the answers", () => {
  it("accepts every answer the document describes", () => {
    expectTypeOf<Schemas["ContactPage"]>().toExtend<Sdk.ContactPage<Schemas["ContactPage"]["data"][number]>>();
    expectTypeOf<Schemas["FieldCatalog"]>().toExtend<Sdk.FieldCatalog>();
    expectTypeOf<Schemas["Field"]>().toExtend<Sdk.FieldDescription>();
    expectTypeOf<Schemas["FacetValue"]>().toExtend<Sdk.FacetValue>();
    expectTypeOf<Schemas["HistogramBucket"]>().toExtend<Sdk.HistogramBucket>();
    expectTypeOf<Schemas["PurgeResult"]>().toExtend<Sdk.PurgeResult>();
    expectTypeOf<Schemas["Problem"]>().toExtend<Sdk.ProblemDetails>();
  });
});
