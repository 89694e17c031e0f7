/**
 * @module One request's access to the database, in either driver mode. Each `execute`
 * is one statement and one network round trip, run read-only under the
 * database's statement timeout; retrying and error classification are the
 * caller's (client.ts).
 */
import type { SQL } from "drizzle-orm";

export type Row = Record<string, unknown>;

export interface Limits {
  /** The database's statement_timeout for this statement. */
  statementTimeoutMs: number;
  /** How long opening a connection may take (WebSocket mode; a waking compute is slow here). */
  connectMs: number;
  /** How long we wait for the answer before giving up on it ourselves. */
  answerMs: number;
}

export interface DriverSession {
  execute(statement: SQL, limits: Limits): Promise<Row[]>;
  /** Lets go of whatever the session holds, in the background. */
  close(waitUntil: (promise: Promise<unknown>) => void): void;
}
