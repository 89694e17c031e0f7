import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { app } from "../../src/app.ts";
import type { Env } from "../../src/env.ts";
import { testEnv } from "./env.ts";

/**
 * The Worker's app with some bindings replaced: a test-only binding in place
 * of the real one (a tight rate limiter, a failing KV namespace, a smaller
 * byte budget). The rest of the path is the real one: the same app, database,
 * proxy and caches as `request()` (test/support/http.ts).
 */
export async function requestWith(overrides: Partial<Env>, path: string, init: RequestInit = {}): Promise<Response> {
  const context = createExecutionContext();
  const response = await app.fetch(new Request(`https://api.test${path}`, init), { ...testEnv, ...overrides }, context);
  await waitOnExecutionContext(context);
  return response;
}

/** The test-only bindings vitest.config.ts declares beside wrangler.toml's. */
export const testBindings = testEnv as Env & {
  TEST_ADDRESS_RATE_LIMITER: RateLimit;
  TEST_KEY_RATE_LIMITER: RateLimit;
};
