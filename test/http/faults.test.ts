import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { settingsFrom } from "../../src/env.ts";
import { ORG_ALPHA } from "../fixtures/contacts.ts";
import { scratchOrganization } from "../support/db-write.ts";
import { testEnv } from "../support/env.ts";
import { keyFor, query } from "../support/http.ts";
import { fault, mode, proxyStats } from "../support/proxy.ts";

/**
 * Database faults through the Worker, in this project's driver mode:
 * the local proxy cuts, slows, drops and suspends the database (faults.ts).
 * Whatever happens the answer is a 200 or a 503 with Retry-After — never a 500,
 * never a hang past the budget — and the first request after recovery succeeds.
 * Every request uses a query of its own, so the edge cache never answers.
 */
const timeoutMs = settingsFrom(testEnv).dbTimeoutMs;
/** The most a request may wait on the database: two statement timeouts (src/db/client.ts) plus slack. */
const BUDGET_MS = 2 * timeoutMs + 1000;

let unique = 0;
let caller = { organizationId: ORG_ALPHA, key: keyFor(ORG_ALPHA) };
/** A cheap query no other request has asked: no cache entry can answer it. */
function fresh() {
  unique += 1;
  return query(caller.organizationId, { q: `(= name "fault-${mode}-${unique}-${Date.now()}")` }, caller.key);
}

/**
 * A key of its own, verified now: its verdict stays cached for the next
 * AUTH_CACHE_SECONDS, so a request counted right after makes only its page
 * statement, however long the tests before it took (a verdict that expired
 * in between would add the key's lookup to the count).
 */
async function verifiedKey(name: string) {
  caller = await scratchOrganization(`faults-${name}-${unique}`);
  await expectOk(await fresh());
}

async function expectUnavailable(response: Response, message: RegExp) {
  const body = (await response.json()) as unknown;
  expect(response.status, JSON.stringify(body)).toBe(503);
  expect(body).toMatch(message);
  expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
  expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\/|SELECT|at .*\.ts/);
}

async function expectOk(response: Response) {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(JSON.parse(text)).toMatchObject({ data: [], total_count: 0 });
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

beforeAll(async () => {
  await fault("reset");
  await expectOk(await fresh()); // the key's verdict is now cached: requests below make only the page query
});

afterEach(async () => {
  await fault("reset");
});

describe(`database faults (${mode} driver)`, () => {
  it("a burst while the database is down, then restarted: 503s with Retry-After, then full recovery", async () => {
    await fault("down");
    const whileDown = await timed(() => Promise.all(Array.from({ length: 12 }, fresh)));
    for (const response of whileDown.value) await expectUnavailable(response, /^database unavailable/);
    expect(whileDown.ms).toBeLessThan(BUDGET_MS);

    // Restarted while a second burst is in flight: each answer is a 200 or a 503, nothing else.
    const during = Promise.all(Array.from({ length: 12 }, fresh));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await fault("up");
    for (const response of await during) {
      if (response.status === 503) await expectUnavailable(response, /^database unavailable/);
      else await expectOk(response);
    }

    const after = await Promise.all(Array.from({ length: 12 }, fresh));
    for (const response of after) await expectOk(response);
  });

  it("a statement slower than the timeout: a 503 of its own, not retried, not cached", async () => {
    const q = `(= name "slow-${mode}-${Date.now()}")`;
    await verifiedKey("slow");
    await fault("slow", { ms: timeoutMs + 1500 });
    const before = (await proxyStats()).roundTrips;
    const { value: response, ms } = await timed(() => query(caller.organizationId, { q }, caller.key));
    await expectUnavailable(response, /^database query timed out; retry later$/);
    expect(ms).toBeLessThan(timeoutMs + 1500);
    expect((await proxyStats()).roundTrips - before).toBe(1); // not retried

    await fault("reset");
    const again = await query(caller.organizationId, { q }, caller.key);
    expect(again.headers.get("X-Cache")).toBe("MISS"); // the timeout was not cached
    await expectOk(again);
  });

  it("a connection dropped mid-query is retried; dropped every time, a 503 after a bounded number of attempts", async () => {
    await verifiedKey("drop");
    await fault("drop", { count: 1 });
    let before = (await proxyStats()).roundTrips;
    await expectOk(await fresh());
    expect((await proxyStats()).roundTrips - before).toBe(2);

    await fault("drop", { count: 100 });
    before = (await proxyStats()).roundTrips;
    const { value: response, ms } = await timed(fresh);
    await expectUnavailable(response, /^database unavailable/);
    expect((await proxyStats()).roundTrips - before).toBe(3);
    expect(ms).toBeLessThan(BUDGET_MS);

    await fault("reset");
    await expectOk(await fresh());
  });

  it("a suspended compute waking up: slow first connects still succeed within the budget", async () => {
    const wakeMs = Math.round(timeoutMs / 2);
    await fault("suspend", { ms: wakeMs });
    const { value: responses, ms } = await timed(() => Promise.all(Array.from({ length: 4 }, fresh)));
    for (const response of responses) await expectOk(response);
    expect(ms).toBeGreaterThanOrEqual(wakeMs - 50);
    expect(ms).toBeLessThan(BUDGET_MS);
    // Awake now: no more waiting.
    expect((await timed(fresh)).ms).toBeLessThan(wakeMs);
  });
});
