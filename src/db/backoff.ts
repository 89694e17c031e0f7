/** @module The wait between attempts of a statement that failed transiently (`classify` in failures.ts). */

/**
 * Full jitter (0 .. 50 ms * 2^attempt): concurrent requests that failed together
 * do not come back together, which matters most when a database is recovering.
 */
export function backoff(attempt: number): number {
  return Math.random() * 50 * 2 ** attempt;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
