import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { openApiDocument } from "../../scripts/generate/openapi-document.ts";
import { GENERATED_TYPES_FILE, openApiTypes } from "../../scripts/generate/openapi-types.ts";

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
