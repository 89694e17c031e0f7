/**
 * When to try a read again: after a 429 (rate limited) or a 503 (the database
 * is unavailable), as the answer's `Retry-After` says, else with exponential
 * backoff; a little random jitter either way, so clients that failed together
 * do not come back together.
 */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 503]);
export const DEFAULT_RETRIES = 2;
/** A `Retry-After` longer than this is not waited for: the error is thrown, with `retryAfter` set. */
export const DEFAULT_MAX_RETRY_DELAY_MS = 60_000;
/** The first backoff without `Retry-After`; it doubles with each retry. */
const BASE_DELAY_MS = 500;
/** Jitter after a `Retry-After`: up to 10% of the wait, at least 100 ms, at most 1 s. */
const MAX_JITTER_MS = 1000;

/** `Retry-After` in seconds: delay-seconds, or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * How long to wait before retry number `retry` (0 for the first), or
 * `undefined` when the service asks for longer than `maxDelayMs`.
 * `random` is a number in [0, 1).
 */
export function retryDelayMs(
  retry: number,
  retryAfterSeconds: number | null,
  maxDelayMs: number,
  random: number = Math.random(),
): number | undefined {
  if (retryAfterSeconds !== null) {
    const wait = retryAfterSeconds * 1000;
    if (wait > maxDelayMs) return undefined;
    return wait + random * Math.min(MAX_JITTER_MS, Math.max(100, wait / 10));
  }
  const backoff = Math.min(maxDelayMs, BASE_DELAY_MS * 2 ** retry);
  return backoff / 2 + (random * backoff) / 2;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
