import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * Most tests run inside workerd, the Workers runtime, against the Worker
 * defined by wrangler.toml. `test/global-setup.ts` starts the database they use
 * and hands its address to the Worker's bindings.
 *
 * Two projects, one per database driver mode: `http` (the production default)
 * runs everything but the differential test; `ws` runs the tests that go
 * through the Worker and its database path again with `DB_DRIVER=ws`, and the
 * differential test. The pure language tests run once.
 *
 * A third project, `unit`, runs `test/unit/` in plain Node: decisions and
 * checks that need neither workerd nor a database nor HTTP (the cache policy,
 * the error mapping, the settings table, the generated client types).
 */
/**
 * The tests whose requests exercise the database path (outage, cache counts,
 * every operator's SQL, faults, round trips); the parsing-only HTTP tests
 * (fuzz, injection, OpenAPI, logging) would only repeat themselves.
 */
const DRIVER_SUITE = [
  "test/http/{contract-basics,cache,language,faults,export}.test.ts",
  "test/db/**/*.test.ts",
  "test/smoke.test.ts",
];
/** Compares both drivers itself: runs in the http project only. */
const COMPARES_DRIVERS = "test/db/drivers.test.ts";
/**
 * Thousands of statements that test the SQL, not the transport: run once, in
 * the ws project, where one connection serves them all (over HTTP every
 * statement is a fetch and a transaction in the local endpoint, twice as slow).
 */
const DIFFERENTIAL = "test/differential.test.ts";
/** Plain Node: no workerd (the global setup's database is there for the tests of scripts that use one). */
const UNIT = "test/unit/**/*.test.ts";

function workerProject(driver: "http" | "ws", include: string[], exclude: string[] = []) {
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            DATABASE_URL: inject("databaseUrl"),
            DB_DRIVER: driver,
            DB_WS_PROXY: inject("proxies")[driver].wsProxy,
            DB_HTTP_ENDPOINT: inject("proxies")[driver].httpEndpoint,
            DB_BRIDGE_TOKEN: inject("proxies")[driver].token,
            // Short enough that the fault tests' timeouts take seconds, long
            // enough that no honest test query comes near it on a busy machine.
            DB_TIMEOUT_MS: "3000",
            DIFFERENTIAL_RUNS: process.env.DIFFERENTIAL_RUNS ?? "3000",
            ...(process.env.DIFFERENTIAL_SEED ? { DIFFERENTIAL_SEED: process.env.DIFFERENTIAL_SEED } : {}),
            FUZZ_RUNS: process.env.FUZZ_RUNS ?? "300",
          },
          // Tests only (test/http/rate-limits.test.ts), beside the bindings of wrangler.toml (whose local
          // limits nothing reaches): the production per-address limit, and a per-key limit small enough
          // to reach in a few requests, each with a namespace of its own.
          ratelimits: {
            TEST_ADDRESS_RATE_LIMITER: { namespace_id: "9001", simple: { limit: 20, period: 10 } },
            TEST_KEY_RATE_LIMITER: { namespace_id: "9002", simple: { limit: 5, period: 10 } },
          },
        },
      })),
    ],
    // Files of one project run one at a time: they share the proxy whose
    // statement counts and simulated outages some of them assert on.
    test: {
      name: driver,
      include,
      exclude,
      setupFiles: ["./test/support/setup.ts"],
      testTimeout: 30_000,
      fileParallelism: false,
    },
  };
}

export default defineConfig({
  test: {
    // Runs once for both projects: one database, one proxy per project.
    globalSetup: ["./test/global-setup.ts"],
    projects: [
      workerProject("http", ["test/**/*.test.ts"], [DIFFERENTIAL, UNIT]),
      workerProject("ws", [...DRIVER_SUITE, DIFFERENTIAL], [COMPARES_DRIVERS]),
      { test: { name: "unit", include: [UNIT], environment: "node" } },
    ],
  },
});
