import { type QueryRunner, withDatabase } from "../../src/db/client.ts";
import { settingsFrom } from "../../src/env.ts";
import { testEnv as env } from "./env.ts";

/** Runs `work` with the Worker's own database access (driver, timeouts, retries), as the differential tests need. */
export function withTestDatabase<T>(work: (db: QueryRunner) => Promise<T>): Promise<T> {
  return withDatabase(env, settingsFrom(env), () => undefined, work);
}

/** Random cases per differential property (`DIFFERENTIAL_RUNS`, default 3000). */
export const DIFFERENTIAL_RUNS = Number(env.DIFFERENTIAL_RUNS ?? 3000);

/** fast-check's options for `runs` cases: replayable with `DIFFERENTIAL_SEED`. */
export function propertyRuns(runs: number) {
  return { numRuns: runs, seed: Number(env.DIFFERENTIAL_SEED ?? Date.now() % 100000) };
}
