import { beforeAll } from "vitest";
import { loadConformance } from "./conformance.ts";

/**
 * Runs before each test file inside workerd: the OpenAPI document every JSON
 * 200 is checked against (conformance.ts) is read here, so its own request is
 * never seen by a test that watches requests (the request log, round trips).
 */
beforeAll(async () => {
  await loadConformance();
});
