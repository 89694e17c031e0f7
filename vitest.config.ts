import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * Tests run inside workerd, the Workers runtime, against the Worker defined by
 * wrangler.toml. `test/global-setup.ts` starts the database they use and hands
 * its address to the Worker's bindings.
 */
export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          DATABASE_URL: inject("databaseUrl"),
          DB_WS_PROXY: inject("wsProxy"),
          DB_TIMEOUT_MS: "5000",
          DIFFERENTIAL_RUNS: process.env.DIFFERENTIAL_RUNS ?? "3000",
          ...(process.env.DIFFERENTIAL_SEED ? { DIFFERENTIAL_SEED: process.env.DIFFERENTIAL_SEED } : {}),
          FUZZ_RUNS: process.env.FUZZ_RUNS ?? "300",
        },
      },
    })),
  ],
  test: {
    globalSetup: ["./test/global-setup.ts"],
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
