import { NeonDbError } from "@neondatabase/serverless";
import { describe, expect, it } from "vitest";
import { ConnectFailed, classify, Timeout } from "../../src/db/failures.ts";
import { DatabaseUnavailable, InvalidRequest, QueryTimedOut } from "../../src/domain/errors.ts";

/**
 * What a database failure means (src/db/failures.ts): only known network
 * failures are retried as transient; an error without a SQLSTATE that is not
 * one of them is a bug (a 500, not retried), never an outage.
 */
const sqlError = (code: string, message = "boom") => Object.assign(new Error(message), { code });
/** A Postgres error at a severity: FATAL ends (or refuses) the session, ERROR ends a statement. */
const pgError = (code: string, severity: string, message = "boom") =>
  Object.assign(new Error(message), { code, severity });

describe("classify", () => {
  it.each([
    ["a broken WebSocket connection", new Error("Connection terminated unexpectedly")],
    ["a connection timeout", new Error("Connection terminated due to connection timeout")],
    ["a client that lost its connection", new Error("Client has encountered a connection error and is not queryable")],
    ["a WebSocket that failed to open (an error event)", { type: "error" }],
    ["the HTTP driver's failed fetch", new NeonDbError("Error connecting to database: fetch failed")],
    ["the HTTP endpoint's 5xx", new NeonDbError("Server error (HTTP status 503): unavailable")],
    ["SQLSTATE 08006 (connection failure)", sqlError("08006")],
    ["SQLSTATE 57P01 (admin shutdown)", sqlError("57P01")],
    ["SQLSTATE 53300 (too many connections)", sqlError("53300")],
    ["no connection within the limit", new Timeout("connect", 100)],
    ["FATAL 55000 (database not accepting connections)", pgError("55000", "FATAL")],
    ["FATAL 28000 (role not permitted to log in)", pgError("28000", "FATAL")],
    ["FATAL 28P01 (password authentication failed)", pgError("28P01", "FATAL")],
    ["FATAL 3D000 (database does not exist)", pgError("3D000", "FATAL")],
    ["FATAL 57P03 (the database system is starting up)", pgError("57P03", "FATAL")],
    ["PANIC", pgError("XX000", "PANIC")],
    [
      "the HTTP driver's 400 rebuilt from a FATAL (a refused connection through the proxy)",
      Object.assign(new NeonDbError('database "x" is not currently accepting connections'), {
        code: "55000",
        severity: "FATAL",
      }),
    ],
    ["a connect that failed with an SQLSTATE a statement could raise", new ConnectFailed(sqlError("55000"))],
    ["a connect that failed without one", new ConnectFailed(new Error("socket hang up"))],
    ["a connect that failed on its own timeout", new ConnectFailed(new Timeout("connect", 100))],
  ])("transient: %s", (_what, error) => {
    const failure = classify(error);
    expect(failure.kind).toBe("transient");
    expect(failure.error).toBeInstanceOf(DatabaseUnavailable);
  });

  it.each([
    ["the database's statement timeout", sqlError("57014")],
    ["no answer within the limit", new Timeout("query", 100)],
  ])("timeout: %s", (_what, error) => {
    const failure = classify(error);
    expect(failure.kind).toBe("timeout");
    expect(failure.error).toBeInstanceOf(QueryTimedOut);
  });

  it.each([
    ["a plain Error without a SQLSTATE", new Error("cannot read the result")],
    ["a SyntaxError (a malformed answer)", new SyntaxError("Unexpected token < in JSON")],
    ["a TypeError", new TypeError("x is not a function")],
    ["a RangeError", new RangeError("Invalid array length")],
    ["an SQL error", sqlError("42P01", 'relation "nope" does not exist')],
    ["a data error quoting a value", sqlError("22P02", 'invalid input syntax for type integer: "x"')],
    ["another NeonDbError", new NeonDbError("Neon internal error: unexpected result format")],
    ["an already classified error", new InvalidRequest("q", "bad")],
    ["ERROR 55000 from a statement (an object in the wrong state)", pgError("55000", "ERROR")],
    ["ERROR 28000 from a statement", pgError("28000", "ERROR")],
    ["a thrown string", "boom"],
    ["an object that is no event", { reason: "?" }],
    ["undefined", undefined],
  ])("bug: %s", (_what, error) => {
    const failure = classify(error);
    expect(failure.kind).toBe("bug");
    expect(failure.error).toBe(error);
  });
});
