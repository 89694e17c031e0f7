/**
 * @module The phases a request spends its time in, for its Server-Timing and
 * request log: the cache (keys, generations, lookups) and the database.
 */
export type Phase = "cache" | "db";

/** Runs `work`, adding its duration to `phase`. */
export type Measure = <T>(phase: Phase, work: () => Promise<T>) => Promise<T>;

/** A `Measure` that measures nothing. */
export const unmeasured: Measure = (_phase, work) => work();
