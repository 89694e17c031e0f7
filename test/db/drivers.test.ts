import { type SQL, sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { type DriverMode, withDatabase } from "../../src/db/client.ts";
import { DatabaseUnavailable } from "../../src/domain/errors.ts";
import { type Env, settingsFrom } from "../../src/env.ts";
import { ORG_ALPHA, ORG_BETA, ORG_EMPTY } from "../fixtures/contacts.ts";
import { testEnv } from "../support/env.ts";

/**
 * The local SQL-over-HTTP endpoint (scripts/neon-proxy/sql-over-http.ts) is tested
 * against the Neon driver itself: the same statements through `neon()` over
 * HTTP and through `Client` over the WebSocket bridge must give the same rows,
 * the same parsed types and the same errors (SQLSTATE codes). Both modes run
 * against the same database and proxy, so only the transport differs.
 */
const server = inject("databaseKind") === "server";
const proxies = inject("proxies");

function envFor(mode: DriverMode): Env {
  return {
    ...testEnv,
    DB_DRIVER: mode,
    DB_WS_PROXY: proxies.http.wsProxy,
    DB_HTTP_ENDPOINT: proxies.http.httpEndpoint,
  };
}

async function run(mode: DriverMode, statement: SQL, timeoutMs?: number): Promise<unknown> {
  const env = envFor(mode);
  const settings = { ...settingsFrom(env), ...(timeoutMs ? { dbTimeoutMs: timeoutMs } : {}) };
  return withDatabase(
    env,
    settings,
    () => undefined,
    (db) => db.rows(statement),
  ).catch((error: unknown) => {
    if (error instanceof DatabaseUnavailable) return { error: error.name, message: error.message };
    const { code, message } = error as { code?: string; message?: string };
    return { code, message };
  });
}

async function both(statement: SQL): Promise<unknown> {
  const [viaHttp, viaWs] = [await run("http", statement), await run("ws", statement)];
  expect(viaHttp).toEqual(viaWs);
  return viaHttp;
}

describe("SQL over HTTP agrees with the WebSocket driver", () => {
  it("on literals of every type the service reads, nulls included", async () => {
    const rows = await both(sql`SELECT
      NULL::text AS nothing, ''::text AS empty, 'Émile "O''Brien" \\ %_'::text AS text,
      42::int AS int, 9007199254740993::bigint AS big, count(*) AS counted, 1.50::numeric AS num, 2.5::float8 AS float,
      true AS yes, false AS no,
      '{"a": [1, null, "x"], "b": {"c": 1.0}, "e": "é"}'::jsonb AS doc, 'null'::jsonb AS json_null, '[]'::json AS json_text,
      '2024-07-29T15:51:28.071Z'::timestamptz AS at, '2024-02-29'::date AS day,
      ARRAY['a', NULL, 'b "q"', 'c,d', '']::text[] AS tags, '{}'::text[] AS none, ARRAY[1, 2]::int[] AS ints,
      '\\x00ff'::bytea AS bytes
      FROM (VALUES (1), (2)) AS t(n)`);
    expect(rows).toHaveLength(1);
    expect(rows).toMatchObject([
      { nothing: null, empty: "", int: 42, big: "9007199254740993", counted: "2", yes: true },
    ]);
    expect(rows).toMatchObject([{ doc: { a: [1, null, "x"], b: { c: 1 }, e: "é" }, json_null: null }]);
    expect(rows).toMatchObject([{ tags: ["a", null, 'b "q"', "c,d", ""], none: [], ints: [1, 2] }]);
  });

  it("on bound parameters", async () => {
    const rows = await both(sql`SELECT ${null}::text AS nothing, ${"a'b\\c\"d é"}::text AS text, ${7}::int AS int,
      ${"2024-05-01T10:00:00Z"}::timestamptz AS at, ${JSON.stringify({ k: [1, "v"] })}::jsonb AS doc,
      ${"{x,y}"}::text[] AS arr, ${true}::boolean AS flag`);
    expect(rows).toMatchObject([{ nothing: null, text: "a'b\\c\"d é", int: 7, doc: { k: [1, "v"] }, arr: ["x", "y"] }]);
  });

  it("on table rows: jsonb documents, timestamptz, text[] and null columns", async () => {
    const rows =
      (await both(sql`SELECT * FROM contacts WHERE organization_id IN (${ORG_ALPHA}, ${ORG_BETA}, ${ORG_EMPTY})
      ORDER BY id COLLATE "C"`)) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.some((row) => row.email_address === null)).toBe(true);
    expect((await both(sql`SELECT * FROM contacts WHERE false`)) as unknown[]).toEqual([]);
  });

  it("on errors: the same SQLSTATE, and a bug stays a bug (not a 503)", async () => {
    expect(await both(sql`SELECT 1 / 0`)).toMatchObject({ code: "22012" });
    expect(await both(sql`SELECT * FROM no_such_table`)).toMatchObject({ code: "42P01" });
    expect(await both(sql`SELECT ${"nope"}::int`)).toMatchObject({ code: "22P02" });
    expect(await both(sql`SELECT (${"{"}::jsonb)`)).toMatchObject({ code: "22P02" });
  });

  it("runs every statement read-only under the statement timeout", async () => {
    const settings = sql`SELECT current_setting('transaction_read_only') AS read_only,
      current_setting('statement_timeout') AS timeout`;
    expect(await run("http", settings)).toEqual([{ read_only: "on", timeout: "3s" }]);
    expect(await run("http", sql`CREATE TEMP TABLE nope (a int)`)).toMatchObject({ code: "25006" });
    // PGlite ignores startup parameters; a server Postgres applies them.
    if (server) {
      expect(await run("ws", settings)).toEqual([{ read_only: "on", timeout: "3s" }]);
      expect(await run("ws", sql`CREATE TEMP TABLE nope (a int)`)).toMatchObject({ code: "25006" });
    }
  });

  it.runIf(server)("the database itself cancels a statement at the timeout; it is not retried", async () => {
    for (const mode of ["http", "ws"] as const) {
      const started = Date.now();
      // Test-only: pg_sleep is never reachable from a client request.
      expect(await run(mode, sql`SELECT pg_sleep(5)`, 300)).toEqual({
        error: "QueryTimedOut",
        message: "database query timed out; retry later",
      });
      // Our own guard would wait 300 + 500 ms: answering sooner means Postgres cancelled it (57014).
      expect(Date.now() - started).toBeLessThan(750);
    }
  });
});
