/**
 * Log lines other than the request log (src/http/request-log.ts): one JSON
 * object per line, and never text a client could have put there.
 *
 * An error is logged by its name and, when it has one, its SQLSTATE — never by
 * its message: a Postgres message quotes the value it choked on (`invalid input
 * syntax for type integer: "<the client's value>"`), a driver message may carry
 * SQL text or a connection string, and `String(error)` carries both.
 */
export type LogLevel = "info" | "warn" | "error";

/** `{ error, code }` of a thrown value: its name and its SQLSTATE, nothing it says. */
export function errorFields(thrown: unknown): { error: string; code: string | null } {
  const name =
    thrown instanceof Error
      ? thrown.name
      : typeof thrown === "object" && thrown !== null
        ? (thrown.constructor?.name ?? "object")
        : typeof thrown;
  const code = (thrown as { code?: unknown } | null | undefined)?.code;
  return { error: name, code: typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : null };
}

/** One structured line; `fields` must hold only values of our own (names, counts, ids we issued). */
export function logLine(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, message, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/** A failure we recovered from (a cache write, a background refresh, a generation read). */
export function logFailure(level: LogLevel, message: string, thrown: unknown): void {
  logLine(level, message, errorFields(thrown));
}
