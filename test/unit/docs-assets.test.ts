import { readFileSync, realpathSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { SCALAR_BUNDLE } from "../../src/endpoints/docs/docs-page.ts";

/**
 * The docs page runs Scalar's browser bundle from this deployment's own
 * static assets (`[assets]`, static/): the file is a link to the installed
 * @scalar/api-reference, so what is served is exactly what package-lock.json
 * installed — no CDN, nothing to keep in step by hand.
 */
const ROOT = new URL("../..", import.meta.url).pathname;

describe("Scalar's bundle", () => {
  it("is the installed package's standalone bundle, at the path the page loads", () => {
    const served = `${ROOT}static${SCALAR_BUNDLE}`;
    const installed = `${ROOT}node_modules/@scalar/api-reference/dist/browser/standalone.js`;
    expect(realpathSync(served)).toBe(realpathSync(installed));
    expect(readFileSync(served).length).toBeGreaterThan(100_000);
  });

  it("is served as a static asset in every environment", () => {
    for (const environment of [undefined, "production", "preview"]) {
      const config = unstable_readConfig({ config: `${ROOT}wrangler.toml`, env: environment }, { hideWarnings: true });
      expect(config.assets?.directory, environment ?? "top level").toMatch(/\/static$/);
    }
  });
});
