import { expect } from "vitest";
import { QueryError } from "../../src/query/query-error.ts";

/** Runs `run`, which must throw the language's error type, and returns that error. */
export function queryErrorOf(run: () => unknown): QueryError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(QueryError);
    return error as QueryError;
  }
  throw new Error("expected a QueryError");
}
