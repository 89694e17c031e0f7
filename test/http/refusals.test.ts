import { afterAll, describe, expect, inject, it } from "vitest";
import { worstFilters } from "../../bench/lib/worst-filters.ts";
import { generateApiKey } from "../../src/auth/api-key.ts";
import type { DriverMode } from "../../src/db/client.ts";
import { type Env, settingsFrom } from "../../src/env.ts";
import { execute } from "../support/db-write.ts";
import { testEnv } from "../support/env.ts";
import { proxyStats } from "../support/proxy.ts";
import { requestWith } from "../support/worker-env.ts";

/**
 * A Postgres server that refuses or drops connections, in every way it can
 * here, through the Worker in both driver modes: each is a 503 with
 * Retry-After ("database unavailable"), stale-if-error applies, key lookups
 * included — never a 500 — and the first request after the refusal ends is
 * answered. The faults are made on a database and a role of their own
 * (test/support/outage-database.ts), never on the test database both test
 * projects share, and each is undone in `finally` within a second or two.
 *
 * Also: a statement past the statement timeout is answered 503 and no backend
 * runs it any more shortly after (pg_stat_activity), with JIT on in the
 * server's defaults.
 */
const target = inject("outageTarget");
const timeoutMs = settingsFrom(testEnv).dbTimeoutMs;
const MODES: DriverMode[] = ["http", "ws"];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

let unique = 0;

/** The Worker against the outage database: pages fresh for 1 s, then only stale-if-error (no stale-while-revalidate). */
function envFor(mode: DriverMode, databaseUrl: string): Partial<Env> {
  return { DATABASE_URL: databaseUrl, DB_DRIVER: mode, CACHE_TTL_SECONDS: "1", CACHE_SWR_SECONDS: "0" };
}

function get(env: Partial<Env>, path: string, key: string) {
  return requestWith(env, path, { headers: { Authorization: `Bearer ${key}` } });
}

async function expectUnavailable(response: Response, what: string) {
  const body = (await response.json()) as unknown;
  expect(response.status, `${what}: ${JSON.stringify(body)}`).toBe(503);
  expect(body, what).toMatch(/^database (unavailable|query timed out)/);
  expect(Number(response.headers.get("Retry-After")), what).toBeGreaterThan(0);
}

/** Ends every session of the outage database, so that pooled connections must connect again. */
async function endSessions(database: string) {
  await execute(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    [database],
  );
}

describe.skipIf(target === null)(
  "a server that refuses or drops connections (Postgres server only: PGlite serves one session, with no roles, limits or backends to end)",
  () => {
    // Read only inside the tests: on PGlite the suite is collected, then skipped.
    const outage = (target ?? {}) as NonNullable<typeof target>;
    const REFUSALS = [
      {
        name: "55000: the database does not allow connections",
        url: () => outage.databaseUrl,
        apply: () => `ALTER DATABASE ${quote(outage.database)} ALLOW_CONNECTIONS false`,
        restore: () => `ALTER DATABASE ${quote(outage.database)} ALLOW_CONNECTIONS true`,
      },
      {
        name: "28000: the role may not log in",
        url: () => outage.roleUrl,
        apply: () => `ALTER ROLE ${quote(outage.role)} NOLOGIN`,
        restore: () => `ALTER ROLE ${quote(outage.role)} LOGIN`,
      },
      {
        name: "53300: the role's connection limit is reached",
        url: () => outage.roleUrl,
        apply: () => `ALTER ROLE ${quote(outage.role)} CONNECTION LIMIT 0`,
        restore: () => `ALTER ROLE ${quote(outage.role)} CONNECTION LIMIT -1`,
      },
      {
        name: "53300: the database's connection limit is reached",
        url: () => outage.roleUrl,
        apply: () => `ALTER DATABASE ${quote(outage.database)} CONNECTION LIMIT 0`,
        restore: () => `ALTER DATABASE ${quote(outage.database)} CONNECTION LIMIT -1`,
      },
    ];

    afterAll(async () => {
      for (const { restore } of REFUSALS) await execute(restore());
    });

    for (const mode of MODES) {
      for (const refusal of REFUSALS) {
        it(`${refusal.name} (${mode}): queries, exports, facets and key lookups answer 503; a cached page is served STALE; then recovery`, async () => {
          const env = envFor(mode, refusal.url());
          const org = outage.organizationId;
          unique += 1;
          const cachedPath = `/org/${org}/contact/query?page_size=${(unique % 900) + 1}&q=${encodeURIComponent(`(= name "refusal-${unique}")`)}`;
          const warm = await get(env, cachedPath, outage.apiKey); // verifies the key, caches the page
          expect(warm.status, await warm.clone().text()).toBe(200);
          await sleep(1100); // past its freshness: only stale-if-error may serve it now

          await execute(refusal.apply());
          try {
            await endSessions(outage.database);
            const fresh = `(= name "refused-${mode}-${unique}-${Date.now()}")`;
            await expectUnavailable(
              await get(env, `/org/${org}/contact/query?q=${encodeURIComponent(fresh)}`, outage.apiKey),
              "query",
            );
            await expectUnavailable(
              await get(env, `/org/${org}/contact/export?q=${encodeURIComponent(fresh)}`, outage.apiKey),
              "export",
            );
            await expectUnavailable(
              await get(env, `/org/${org}/contact/facets?facet=tags&q=${encodeURIComponent(fresh)}`, outage.apiKey),
              "facets",
            );
            await expectUnavailable(await get(env, `/org/${org}/contact/query`, generateApiKey()), "key lookup");
            const stale = await get(env, cachedPath, outage.apiKey);
            expect(stale.status).toBe(200);
            expect(stale.headers.get("X-Cache")).toBe("STALE");
          } finally {
            await execute(refusal.restore());
          }
          const after = await get(env, `/org/${org}/contact/query?page_size=1`, outage.apiKey);
          expect(after.status, await after.clone().text()).toBe(200);
        });
      }

      it(`28P01: a wrong password (${mode}): 503, key lookups included`, async () => {
        const wrong = new URL(outage.roleUrl);
        wrong.password = "not-the-password";
        const env = envFor(mode, wrong.toString());
        await expectUnavailable(
          await get(env, `/org/${outage.organizationId}/contact/query`, generateApiKey()),
          "key lookup",
        );
      });

      it(`57P01: a backend ended mid-query (${mode}) is retried and answered`, async () => {
        const application = `cq_terminate_${mode}_${Date.now()}`;
        const url = new URL(outage.databaseUrl);
        url.searchParams.set("application_name", application);
        const env = envFor(mode, url.toString());
        const key = outage.apiKey;
        expect((await get(env, `/org/${outage.organizationId}/contact/query?page_size=1`, key)).status).toBe(200);
        const filter = worstFilters()[0]?.q ?? "";
        const before = (await proxyStats()).roundTrips;
        const pending = get(env, `/org/${outage.organizationId}/contact/query?q=${encodeURIComponent(filter)}`, key);
        let terminated = 0;
        const started = Date.now();
        while (terminated === 0 && Date.now() - started < timeoutMs) {
          const rows = await execute(
            "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'active'",
            [application],
          );
          terminated = Number(rows[0]?.n ?? 0);
        }
        expect(terminated, "the statement was seen running and ended").toBe(1);
        const response = await pending;
        expect(response.status, await response.clone().text()).toBe(200);
        expect((await proxyStats()).roundTrips - before).toBeGreaterThanOrEqual(2);
      });

      it(`57P01: a backend ended during an export (${mode}): the export ends one way or the other, the next request is answered`, async () => {
        const application = `cq_export_${mode}_${Date.now()}`;
        const url = new URL(outage.databaseUrl);
        url.searchParams.set("application_name", application);
        const env = envFor(mode, url.toString());
        const response = await get(env, `/org/${outage.organizationId}/contact/export`, outage.apiKey);
        expect(response.status).toBe(200);
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        await reader.read(); // streaming has begun
        let terminated = 0;
        const started = Date.now();
        const reading = (async () => {
          try {
            for (;;) if ((await reader.read()).done) return "complete";
          } catch {
            return "aborted";
          }
        })();
        while (terminated === 0 && Date.now() - started < 2 * timeoutMs) {
          const rows = await execute(
            "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'active'",
            [application],
          );
          terminated = Number(rows[0]?.n ?? 0);
        }
        expect(terminated, "a batch was seen running and ended").toBeGreaterThanOrEqual(1);
        expect(["complete", "aborted"]).toContain(await reading);
        const next = await get(env, `/org/${outage.organizationId}/contact/query?page_size=2`, outage.apiKey);
        expect(next.status, await next.clone().text()).toBe(200);
      });

      it(`a statement past DB_TIMEOUT_MS (${mode}): 503, and no backend runs it ${timeoutMs} ms + 1 s after it was sent`, async () => {
        const application = `cq_timeout_${mode}_${Date.now()}`;
        const url = new URL(outage.databaseUrl);
        url.searchParams.set("application_name", application);
        const env = envFor(mode, url.toString());
        const key = outage.apiKey;
        expect((await get(env, `/org/${outage.organizationId}/contact/query?page_size=1`, key)).status).toBe(200);
        // Hundreds of typed comparisons for each of 50,000 contacts' accounts: minutes of work without a timeout.
        const filter = worstFilters().find(({ name }) => name.includes("between"))?.q ?? "";
        const sent = Date.now();
        const response = await get(
          env,
          `/org/${outage.organizationId}/contact/query?q=${encodeURIComponent(filter)}`,
          key,
        );
        const answeredMs = Date.now() - sent;
        await expectUnavailable(response, "the slow statement");
        let goneMs: number | undefined;
        while (goneMs === undefined && Date.now() - sent < timeoutMs + 5000) {
          const rows = await execute(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'active'",
            [application],
          );
          if (Number(rows[0]?.n) === 0) goneMs = Date.now() - sent;
          else await sleep(50);
        }
        console.info(
          `${mode}: answered 503 after ${answeredMs} ms; no backend ran the statement ${goneMs} ms after it was sent`,
        );
        expect(goneMs).toBeDefined();
        expect(goneMs).toBeLessThanOrEqual(timeoutMs + 1000);
      });
    }
  },
);

describe("a closed port where the database's proxy should be", () => {
  for (const mode of MODES) {
    it(`(${mode}) is a 503 with Retry-After, key lookups included`, async () => {
      const env: Partial<Env> = {
        DB_DRIVER: mode,
        DB_HTTP_ENDPOINT: "http://127.0.0.1:1/sql",
        DB_WS_PROXY: "127.0.0.1:1/v1",
      };
      const response = await requestWith(env, "/org/org_alpha/contact/query", {
        headers: { Authorization: `Bearer ${generateApiKey()}` },
      });
      await expectUnavailable(response, "key lookup");
    });
  }
});
