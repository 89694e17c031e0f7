import { edgePageCache, type PageCache } from "../cache/page-cache.ts";
import { type QueryRunner, withDatabase } from "../db/client.ts";
import { type Env, settingsFrom, wholeNumberSetting } from "../env.ts";

/**
 * What the services need from the outside world, passed in rather than
 * imported, so each service reads as plain steps and runs in tests with fakes.
 * Every service of the API (queries today; exports, facets, page tokens next)
 * takes the same bag.
 */
export interface ServiceDeps {
  /** Runs work with database access; the connection is opened only when this is called. */
  database: Database;
  /** The edge cache: keys, pages, purges, and its settings. */
  cache: PageCache;
  /** Milliseconds since the epoch. */
  clock: () => number;
  /** Keeps work running after the answer is sent (the Worker's `waitUntil`). */
  waitUntil: (promise: Promise<unknown>) => void;
  /** Times a phase of the work, for the caller's Server-Timing. */
  measure: Measure;
  /** Signs page tokens (see page-token.ts). */
  pageTokenSecret: string;
  /** The largest rendered page (bytes of its contacts' JSON) taken from the database; `MAX_PAGE_BYTES`. */
  maxPageBytes?: number;
}

export type Database = <T>(work: (db: QueryRunner) => Promise<T>) => Promise<T>;

/** The phases a request spends time in: the cache (key, generation, lookup) and the database. */
export type Phase = "cache" | "db";
export type Measure = <T>(phase: Phase, work: () => Promise<T>) => Promise<T>;

const unmeasured: Measure = (_phase, work) => work();

/** The production dependencies, from the Worker's bindings. */
export function serviceDeps(
  env: Env,
  waitUntil: (promise: Promise<unknown>) => void,
  measure: Measure = unmeasured,
): ServiceDeps {
  return {
    database: databaseAccess(env, waitUntil),
    cache: edgePageCache(env),
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
