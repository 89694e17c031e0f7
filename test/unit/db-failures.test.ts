import { NeonDbError } from "@neondatabase/serverless";
import { describe, expect, it } from "vitest";
import { classify, Timeout } from "../../src/db/failures.ts";
import { DatabaseUnavailable, InvalidRequest, QueryTimedOut } from "../../src/domain/errors.ts";

/**
 * What a database failure means (src/db/failures.ts): only known network
 * failures are retried as transient; an error without a SQLSTATE that is not
 * one of them is a bug (a 500, not retried), never an outage.
 */
const sqlError = (code: string, message = "boom") => Object.assign(new Error(message), { code });

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
    ["a thrown string", "boom"],
    ["an object that is no event", { reason: "?" }],
    ["undefined", undefined],
  ])("bug: %s", (_what, error) => {
    const failure = classify(error);
    expect(failure.kind).toBe("bug");
    expect(failure.error).toBe(error);
  });
});
