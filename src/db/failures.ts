/**
 * @module What a database failure means for the request, decided once, here:
 *
 * - `timeout`: the statement ran out of time — the database's own
 *   statement_timeout (SQLSTATE 57014) or our guard when no answer came.
 *   `QueryTimedOut`; never retried, because the same query would only time out
 *   again and double the load.
 * - `transient`: the database could not be reached, refused the connection or
 *   broke it (refused, dropped mid-query, a compute that is starting or
 *   shutting down, a database or role that does not accept connections now).
 *   Retried a bounded number of times, then `DatabaseUnavailable`.
 *   A Postgres error with severity FATAL (or PANIC) is one of these whatever its
 *   SQLSTATE: Postgres reports every refusal of a connection (`55000` database
 *   not accepting connections, `28000` role not permitted to log in, `28P01`,
 *   `53300` connection limits, `57P03` starting up) and every end of a session
 *   (`57P01` terminated by an administrator) as FATAL, and the session is gone.
 *   The same SQLSTATE at severity ERROR comes from a statement and means
 *   something else (a `55000` from a statement is an object in the wrong state:
 *   a bug). An error raised while connecting (`ConnectFailed`, WebSocket mode)
 *   is a refusal too, whatever it says.
 * - `bug`: anything else, an SQL error included, and any error without a
 *   SQLSTATE that is not a known network failure; it is rethrown as is (an
 *   internal error: a 500, never retried). A bug reported as an outage would
 *   be retried three times and hidden behind a 503.
 */
import { NeonDbError } from "@neondatabase/serverless";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { DatabaseUnavailable, QueryTimedOut, ServiceError } from "../domain/errors.ts";

export type Failure =
  | { kind: "timeout"; error: QueryTimedOut }
  | { kind: "transient"; error: DatabaseUnavailable }
  | { kind: "bug"; error: unknown };

/** No answer within the limit: while connecting (transient) or to a statement (a timeout). */
export class Timeout extends Error {
  override readonly name = "Timeout";
  constructor(
    readonly phase: "connect" | "query",
    ms: number,
  ) {
    super(`no ${phase === "connect" ? "connection" : "answer"} within ${ms} ms`);
  }
}

/**
 * The connection could not be opened (WebSocket mode: the driver's `connect`).
 * Wraps what the driver threw, so that a refusal reported with a SQLSTATE that
 * a statement could also raise is still read as a refusal.
 */
export class ConnectFailed extends Error {
  override readonly name = "ConnectFailed";
  constructor(override readonly cause: unknown) {
    super("the connection could not be opened");
  }
}

/** SQLSTATE classes that mean "not available right now": connection exceptions, resources, shutdown, starting up. */
const TRANSIENT_CODES = /^(08|53|57P0[1-4])/;
/** What the HTTP driver reports when the fetch itself failed or the proxy answered 5xx. */
const TRANSIENT_HTTP = /^(Error connecting to database|Server error \(HTTP status 5\d\d\))/;

export function classify(thrown: unknown): Failure {
  // Drizzle wraps driver errors with the SQL text and parameters; the driver's
  // own error carries the SQLSTATE, and keeps SQL and values out of any log.
  const error = thrown instanceof DrizzleQueryError && thrown.cause !== undefined ? thrown.cause : thrown;
  if (error instanceof ServiceError || error instanceof TypeError || error instanceof RangeError) {
    return { kind: "bug", error };
  }
  if (error instanceof Timeout) {
    return error.phase === "query"
      ? { kind: "timeout", error: new QueryTimedOut() }
      : {
          kind: "transient",
          error: new DatabaseUnavailable("database unavailable (connection timed out); retry later"),
        };
  }
  if (error instanceof ConnectFailed) return refused(error.cause);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "57014") return { kind: "timeout", error: new QueryTimedOut() };
  if (typeof code === "string" && (TRANSIENT_CODES.test(code) || endsSession(error))) {
    return { kind: "transient", error: new DatabaseUnavailable("database unavailable; retry later") };
  }
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return { kind: "bug", error }; // a real SQL error
  if (error instanceof NeonDbError) {
    return TRANSIENT_HTTP.test(error.message)
      ? { kind: "transient", error: new DatabaseUnavailable("database unavailable (connection failed); retry later") }
      : { kind: "bug", error };
  }
  if (isNetworkFailure(error)) {
    return { kind: "transient", error: new DatabaseUnavailable("database unavailable (connection lost); retry later") };
  }
  return { kind: "bug", error };
}

/** A failure to connect: transient, unless it is a bug of ours (a type error, an error we threw). */
function refused(cause: unknown): Failure {
  const failure = classify(cause);
  if (failure.kind !== "bug") return failure;
  if (cause instanceof ServiceError || cause instanceof TypeError || cause instanceof RangeError) return failure;
  return {
    kind: "transient",
    error: new DatabaseUnavailable("database unavailable (connection refused); retry later"),
  };
}

/**
 * A Postgres error that ended the session or refused to begin one: severity
 * FATAL or PANIC. (`severity` is in the server's message language: English
 * unless `lc_messages` says otherwise. WebSocket mode also marks every failure
 * of its connect as `ConnectFailed`, whatever the wording.)
 */
function endsSession(error: unknown): boolean {
  const severity = (error as { severity?: unknown } | null)?.severity;
  return severity === "FATAL" || severity === "PANIC";
}

/**
 * What the WebSocket driver (node-postgres inside the Neon driver) and the
 * runtime's sockets say when the connection could not be opened or broke —
 * the only failures without a SQLSTATE that are not bugs. A WebSocket that
 * fails to open is reported as its error event (`{ type: "error" }`), not an Error.
 */
const NETWORK_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|Query read timeout|Network connection lost|WebSocket (was closed|connection|closed))/;

function isNetworkFailure(error: unknown): boolean {
  if (error instanceof Error) return NETWORK_MESSAGES.test(error.message);
  const type = (error as { type?: unknown } | null)?.type;
  return type === "error" || type === "close";
}
