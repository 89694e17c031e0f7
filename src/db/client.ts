import { Client, neonConfig } from "@neondatabase/serverless";
import type { SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-serverless";
import type { Env, Settings } from "../env.ts";
import { ApiError, databaseUnavailable } from "../http/api-error.ts";

/**
 * Runs statements through the Neon serverless driver, one connection per
 * request (Workers cannot keep sockets across requests).
 *
 * Failures are classified once, here: an unreachable database or a timeout is a
 * 503 with Retry-After (the client may retry); connection failures are retried
 * a bounded number of times first; anything else is a bug and stays a 500.
 */
let configuredProxy: string | undefined;

function configureDriver(env: Env): void {
  if (!env.DB_WS_PROXY || configuredProxy === env.DB_WS_PROXY) return;
  // A plain Postgres behind a local WebSocket bridge (development and tests):
  // no TLS on the socket, and no pipelining, which assumes Neon's proxy.
  const proxy = env.DB_WS_PROXY;
  neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  configuredProxy = proxy;
}

export interface QueryRunner {
  rows<T extends Record<string, unknown>>(statement: SQL): Promise<T[]>;
}

const CONNECT_ATTEMPTS = 3;

export async function withDatabase<T>(
  env: Env,
  settings: Settings,
  waitUntil: (promise: Promise<unknown>) => void,
  work: (db: QueryRunner) => Promise<T>,
): Promise<T> {
  configureDriver(env);
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not configured");
  const client = await connectWithRetry(env.DATABASE_URL, settings);
  const db = drizzle(client);
  try {
    return await work({
      rows: async <R extends Record<string, unknown>>(statement: SQL) =>
        (await withTimeout(db.execute(statement), settings.dbTimeoutMs)).rows as R[],
    });
  } catch (error) {
    throw classify(error);
  } finally {
    waitUntil(client.end().catch(() => undefined));
  }
}

async function connectWithRetry(connectionString: string, settings: Settings): Promise<Client> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= CONNECT_ATTEMPTS; attempt++) {
    const client = new Client({ connectionString });
    client.on("error", () => undefined); // a dropped socket surfaces through the pending query
    try {
      await withTimeout(client.connect(), settings.dbTimeoutMs);
      return client;
    } catch (error) {
      lastError = error;
      client.end().catch(() => undefined);
      if (attempt < CONNECT_ATTEMPTS) await sleep(backoff(attempt));
    }
  }
  throw databaseUnavailable(`database unavailable (${describe(lastError)}); retry later`);
}

/** Full jitter: 0..(50ms * 2^attempt). */
function backoff(attempt: number): number {
  return Math.random() * 50 * 2 ** attempt;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Timeout extends Error {}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/** SQLSTATE classes that mean "the database is not available right now". */
const UNAVAILABLE_CODES = /^(08|53|57P0[1-4])/;

function classify(error: unknown): unknown {
  if (error instanceof ApiError || error instanceof TypeError || error instanceof RangeError) return error;
  if (error instanceof Timeout) return databaseUnavailable("database query timed out; retry later");
  const code = (error as { code?: unknown })?.code;
  if (code === "57014") return databaseUnavailable("database query timed out (statement timeout); retry later");
  if (typeof code === "string" && UNAVAILABLE_CODES.test(code)) {
    return databaseUnavailable("database unavailable; retry later");
  }
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return error; // a real SQL error: a bug
  // No SQLSTATE: the connection itself failed mid-query.
  return databaseUnavailable("database connection lost; retry later");
}

function describe(error: unknown): string {
  if (error instanceof Timeout) return "connection timed out";
  return "connection failed";
}
