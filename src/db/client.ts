/**
 * @module The one way the Worker runs SQL: through the Neon serverless driver, in HTTP
 * mode (default) or WebSocket mode (`DB_DRIVER=ws`), every statement read-only
 * and bounded by a statement timeout enforced in the database.
 *
 * Failures are classified once (failures.ts): a transient connection failure
 * is retried at most MAX_ATTEMPTS times with jittered backoff, all within a
 * budget of twice the statement timeout; then `DatabaseUnavailable`, and for a
 * timeout `QueryTimedOut` at once (src/domain/errors.ts). Anything else is a bug
 * and is rethrown as is.
 */
import type { SQL } from "drizzle-orm";
import { type Env, SETTINGS, type Settings } from "../env.ts";
import { backoff, sleep } from "./backoff.ts";
import { classify } from "./failures.ts";
import { openHttpSession } from "./http-session.ts";
import type { DriverSession } from "./session.ts";
import { openWsSession } from "./ws-session.ts";

export interface QueryRunner {
  rows<T extends Record<string, unknown>>(statement: SQL): Promise<T[]>;
}

export type DriverMode = "http" | "ws";

const MAX_ATTEMPTS = 3;
/** Time the answer may take beyond the database's own timeout (network, a waking compute). */
const GRACE_MS = 500;
/** Not worth another attempt with less time than this left. */
const MIN_ATTEMPT_MS = 100;

export function driverMode(env: Pick<Env, "DB_DRIVER">): DriverMode {
  const mode = env.DB_DRIVER || SETTINGS.DB_DRIVER.default;
  if (mode !== "http" && mode !== "ws") throw new Error(`DB_DRIVER must be 'http' or 'ws', not '${mode}'`);
  return mode;
}

/**
 * Runs `work` with database access for one request. `work` may run several
 * statements; each may be retried after a transient failure, which is safe
 * because every statement runs read-only.
 */
export async function withDatabase<T>(
  env: Env,
  settings: Settings,
  waitUntil: (promise: Promise<unknown>) => void,
  work: (db: QueryRunner) => Promise<T>,
): Promise<T> {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not configured");
  const session =
    driverMode(env) === "http"
      ? openHttpSession(env.DATABASE_URL, env.DB_HTTP_ENDPOINT, env.DB_BRIDGE_TOKEN)
      : openWsSession(env.DATABASE_URL, env.DB_WS_PROXY, env.DB_BRIDGE_TOKEN);
  try {
    return await work({
      rows: async <R extends Record<string, unknown>>(statement: SQL) =>
        (await runStatement(session, statement, settings.dbTimeoutMs)) as R[],
    });
  } finally {
    session.close(waitUntil);
  }
}

async function runStatement(session: DriverSession, statement: SQL, timeoutMs: number) {
  const deadline = Date.now() + 2 * timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const remaining = deadline - Date.now();
    try {
      return await session.execute(statement, {
        statementTimeoutMs: timeoutMs,
        connectMs: Math.min(timeoutMs, remaining),
        answerMs: Math.min(timeoutMs + GRACE_MS, remaining),
      });
    } catch (error) {
      const failure = classify(error);
      if (failure.kind !== "transient") throw failure.error;
      const pause = backoff(attempt);
      if (attempt >= MAX_ATTEMPTS || deadline - Date.now() - pause < MIN_ATTEMPT_MS) throw failure.error;
      await sleep(pause);
    }
  }
}
