/**
 * @module What the services need from the outside world, passed in rather than
 * imported, so each service reads as plain steps. Every service of the API
 * takes the same bag.
 */
import type { CacheContext } from "../cache/answer-cache.ts";
import { edgeCache } from "../cache/edge-cache.ts";
import { type QueryRunner, withDatabase } from "../db/client.ts";
import { type Env, settingsFrom, wholeNumberSetting } from "../env.ts";
import { type Measure, unmeasured } from "../measure.ts";

export interface ServiceDeps extends CacheContext {
  /** Runs work with database access; the connection is opened only when this is called. */
  readonly database: Database;
  /** Signs page tokens (see page-token.ts). */
  readonly pageTokenSecret: string;
  /** The largest rendered page (bytes of its contacts' JSON) taken from the database; `MAX_PAGE_BYTES`. */
  readonly maxPageBytes: number;
}

export type Database = <T>(work: (db: QueryRunner) => Promise<T>) => Promise<T>;

/** The production dependencies, from the Worker's bindings. */
export function serviceDeps(
  env: Env,
  waitUntil: (promise: Promise<unknown>) => void,
  measure: Measure = unmeasured,
): ServiceDeps {
  return {
    database: databaseAccess(env, waitUntil),
    cache: edgeCache(env),
    clock: Date.now,
    waitUntil,
    measure,
    pageTokenSecret: pageTokenSecret(env),
    maxPageBytes: wholeNumberSetting(env, "MAX_PAGE_BYTES"),
  };
}

/** Database access for one request, with the Worker's settings (statement timeout, driver). */
export function databaseAccess(env: Env, waitUntil: (promise: Promise<unknown>) => void): Database {
  const settings = settingsFrom(env);
  return (work) => withDatabase(env, settings, waitUntil, work);
}

/**
 * `PAGE_TOKEN_SECRET` when set; otherwise derived from the connection string,
 * which is a secret of every deployment already (rotating it, like rotating
 * the database password, ends the walks in progress: their next token is a 400).
 */
function pageTokenSecret(env: Env): string {
  return env.PAGE_TOKEN_SECRET || `database:${env.DATABASE_URL}`;
}
