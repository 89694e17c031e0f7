/**
 * @module Neon's WebSocket mode (`DB_DRIVER=ws`): the Postgres protocol over a
 * WebSocket, one connection per request (Workers cannot keep sockets across
 * requests), opened on the first statement.
 *
 * Read-only, the statement timeout and JIT off travel in the connection's startup
 * message (`statement_timeout`, `options=-c default_transaction_read_only=on -c jit=off`),
 * so they cost no statement and no round trip: a request's one statement stays
 * one round trip. (A `BEGIN READ ONLY; SET LOCAL ...` prefix would cost two
 * more.) See docs/operations.md for poolers that refuse startup options.
 */
import { Client, neonConfig } from "@neondatabase/serverless";
import type { SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-serverless";
import { logFailure } from "../log.ts";
import { ConnectFailed, Timeout } from "./failures.ts";
import type { DriverSession, Limits, Row } from "./session.ts";
import { withTimeout } from "./timeout.ts";

let configuredProxy: string | undefined;

function useLocalProxy(proxy: string | undefined, token: string | undefined): void {
  const configuration = `${proxy}\n${token}`;
  if (!proxy || configuredProxy === configuration) return;
  // A plain Postgres behind the local WebSocket bridge (development and tests):
  // no TLS on the socket, and no pipelining, which assumes Neon's proxy. The
  // bridge serves only callers presenting its token.
  const auth = token ? `&token=${encodeURIComponent(token)}` : "";
  neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}${auth}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  configuredProxy = configuration;
}

export function openWsSession(
  connectionString: string,
  localProxy: string | undefined,
  bridgeToken?: string | undefined,
): DriverSession {
  useLocalProxy(localProxy, bridgeToken);
  const readOnlyUrl = withReadOnlyOption(connectionString);
  let client: Client | undefined;
  /** Forgets the connection; the promise of its ending, if there was one. */
  const release = () => {
    const ending = client
      ?.end()
      .catch((error: unknown) => logFailure("info", "closing a database connection failed", error));
    client = undefined;
    return ending;
  };
  return {
    async execute(statement: SQL, limits) {
      try {
        client ??= await connect(readOnlyUrl, limits);
        const result = await withTimeout(
          drizzle(client).execute(statement),
          limits.answerMs,
          () => new Timeout("query", limits.answerMs),
        );
        return result.rows as Row[];
      } catch (error) {
        release(); // a connection that failed once is not trusted again
        throw error;
      }
    },
    close(waitUntil) {
      const ending = release();
      if (ending) waitUntil(ending);
    },
  };
}

async function connect(connectionString: string, limits: Limits): Promise<Client> {
  const client = new Client({ connectionString, statement_timeout: limits.statementTimeoutMs });
  client.on("error", () => undefined); // a dropped socket surfaces through the pending query
  try {
    await withTimeout(client.connect(), limits.connectMs, () => new Timeout("connect", limits.connectMs));
    return client;
  } catch (error) {
    client.end().catch((endError: unknown) => logFailure("info", "closing a database connection failed", endError));
    throw new ConnectFailed(error);
  }
}

/**
 * The session settings of every connection, as startup `options`: read-only,
 * and no JIT compilation — Postgres does not check statement_timeout while it
 * compiles, so a statement that JIT picks (a long filter) could outlive its
 * timeout by a minute (docs/operations.md).
 */
const SESSION_OPTIONS = "-c default_transaction_read_only=on -c jit=off";

/** Adds SESSION_OPTIONS to the startup `options`, keeping any already there. */
function withReadOnlyOption(connectionString: string): string {
  const url = new URL(connectionString);
  const options = url.searchParams.get("options");
  url.searchParams.set("options", [options, SESSION_OPTIONS].filter(Boolean).join(" "));
  return url.toString();
}
