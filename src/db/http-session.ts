/**
 * @module Neon's HTTP mode, the production default: each statement is one `fetch` to
 * Neon's SQL-over-HTTP endpoint — no WebSocket, no connection handshake, no
 * Postgres startup — so an uncached request costs one HTTPS round trip.
 *
 * The statement runs as a two-query batch, which Neon executes as a single
 * transaction inside that one fetch:
 *   BEGIN READ ONLY (header Neon-Batch-Read-Only, from `readOnly: true`)
 *   SELECT set_config('statement_timeout', <ms>, true), set_config('jit', 'off', true)
 *   <the statement>                                       -- both local to this transaction
 *   COMMIT
 * so the database itself bounds its cost and refuses any write. JIT is off
 * because Postgres does not check statement_timeout while it compiles: a long
 * filter could keep a backend busy a minute past its timeout (docs/operations.md).
 */
import { neon, neonConfig } from "@neondatabase/serverless";
import { type SQL, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-http";
import { Timeout } from "./failures.ts";
import type { DriverSession, Row } from "./session.ts";
import { withTimeout } from "./timeout.ts";

export function openHttpSession(
  connectionString: string,
  localEndpoint: string | undefined,
  bridgeToken?: string | undefined,
): DriverSession {
  // Development and tests: the local endpoint (scripts/neon-proxy/sql-over-http.ts), which
  // serves only callers presenting its token (sent as `Authorization: Bearer`).
  // In production the driver derives Neon's endpoint from the connection string.
  if (localEndpoint && neonConfig.fetchEndpoint !== localEndpoint) neonConfig.fetchEndpoint = localEndpoint;
  const authToken = localEndpoint && bridgeToken ? { authToken: bridgeToken } : {};
  return {
    async execute(statement: SQL, limits) {
      const controller = new AbortController();
      const client = neon(connectionString, {
        readOnly: true,
        fetchOptions: { signal: controller.signal },
        ...authToken,
      });
      const db = drizzle({ client });
      const [, result] = await withTimeout(
        db.batch([
          db.execute(
            sql`SELECT set_config('statement_timeout', ${String(limits.statementTimeoutMs)}, true), set_config('jit', 'off', true)`,
          ),
          db.execute(statement),
        ]),
        limits.answerMs,
        () => {
          controller.abort(); // stop waiting on the fetch; the database's own timeout ends the statement
          return new Timeout("query", limits.answerMs);
        },
      );
      return result.rows as Row[];
    },
    close: () => undefined,
  };
}
