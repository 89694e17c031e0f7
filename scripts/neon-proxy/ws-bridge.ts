import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { connect, type Socket } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { type WebSocket, WebSocketServer } from "ws";
import { Faults } from "./faults.ts";
import { createSqlOverHttp } from "./sql-over-http.ts";

/**
 * A local stand-in for Neon's proxy, in front of a plain Postgres: the two
 * ways the Neon serverless driver reaches a database, on one port.
 *
 * - WebSocket (`neonConfig.wsProxy`): the Postgres wire protocol over a
 *   WebSocket, bridged to TCP. That is how the driver's `Client`/`Pool` run
 *   inside Workers, which cannot open raw TCP to arbitrary hosts in every setup.
 * - HTTP (`neonConfig.fetchEndpoint`, `POST /sql`): the driver's `neon()`
 *   one-fetch-per-query format, served by sql-over-http.ts through this same
 *   bridge, so one driver stack reaches the database either way.
 *
 * The bridge only ever connects to the one target it was started for, whatever
 * address the client asks for, so it cannot be used as an open proxy. And it
 * serves only the clients it was started for: every WebSocket and every
 * `/sql` request must carry its token — a random value made at start, handed
 * to the Worker in its env file (`DB_BRIDGE_TOKEN`, never a command-line
 * argument) and to the tooling in this process — as `?token=` on the
 * WebSocket URL or `Authorization: Bearer` on `/sql`. Anything else on
 * 127.0.0.1 (another local user's process, a web page in a browser: a
 * WebSocket is not bound by the same-origin policy) is refused with a 401
 * before it can send a byte of SQL.
 *
 * It counts what clients send — statements over WebSocket (simple `Query` and
 * extended-protocol `Sync` messages, one per statement, i.e. one per round
 * trip) and requests and statements over HTTP — which lets tests prove how many
 * database round trips a request made. With `control`, `/__bridge/*` endpoints
 * simulate faults (faults.ts) and report these counts. Node tooling (the HTTP
 * endpoint's own pool, migrations) marks its connections `origin=tooling`:
 * they are neither counted nor slowed, only cut when the database is down.
 */
export interface WsBridge {
  /** `host:port/v1`, the value for `neonConfig.wsProxy` (the driver appends nothing else). */
  readonly proxy: string;
  /** `http://host:port/sql`, the value for `neonConfig.fetchEndpoint`. */
  readonly httpEndpoint: string;
  /** What every client must present (`?token=` on the WebSocket, `Authorization: Bearer` on /sql). */
  readonly token: string;
  close(): Promise<void>;
}

export interface BridgeStats {
  /** Statements clients asked for: over WebSocket, plus the queries inside HTTP requests. */
  statements: number;
  /** Network round trips to the database: WebSocket statements plus HTTP requests. */
  roundTrips: number;
  ws: { statements: number; connections: number };
  http: { requests: number; statements: number };
  down: boolean;
  slowMs: number;
  dropStatements: number;
  failStatements: number;
}

export interface WsBridgeOptions {
  target: { host: string; port: number };
  port?: number | undefined;
  host?: string | undefined;
  /** Expose `/__bridge/*` control endpoints (tests only). */
  control?: boolean | undefined;
}

/** Whether `presented` is `token`, compared in constant time. */
function sameToken(presented: string | null | undefined, token: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const SSL_REQUEST_CODE = 80877103;

export async function startWsBridge(options: WsBridgeOptions): Promise<WsBridge> {
  const host = options.host ?? "127.0.0.1";
  const token = randomBytes(32).toString("base64url");
  const faults = new Faults();
  let wsStatements = 0;
  const live = new Set<{ ws: WebSocket; tcp?: Socket }>();
  let proxy = "";

  const cutAll = () => {
    for (const conn of live) {
      conn.tcp?.destroy();
      conn.ws.terminate();
    }
    live.clear();
  };
  const sqlOverHttp = createSqlOverHttp({ faults, target: options.target });
  const stats = (): BridgeStats => {
    const http = sqlOverHttp.stats();
    return {
      statements: wsStatements + http.statements,
      roundTrips: wsStatements + http.requests,
      ws: { statements: wsStatements, connections: live.size },
      http,
      ...faults.describe(),
    };
  };

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://bridge");
    if (url.pathname === "/sql") {
      if (!sameToken(/^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1], token)) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ message: "unauthorized" }));
        return;
      }
      sqlOverHttp.handle(req, res);
      return;
    }
    if (!options.control || !url.pathname.startsWith("/__bridge/")) {
      res.writeHead(404).end();
      return;
    }
    const action = url.pathname.slice("/__bridge/".length);
    if (action !== "stats" && !faults.apply(action, url.searchParams)) {
      res.writeHead(404).end();
      return;
    }
    if (action === "down") cutAll();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(stats()));
  });

  const wss = new WebSocketServer({
    server: http,
    // Refused at the upgrade (401): without the token no WebSocket is opened, so no SQL is ever read.
    verifyClient: ({ req }: { req: IncomingMessage }) =>
      sameToken(new URL(req.url ?? "/", "http://bridge").searchParams.get("token"), token),
  });
  wss.on("connection", (ws, req) => {
    if (faults.down) {
      ws.close(1011, "database unavailable");
      return;
    }
    const tooling = new URL(req.url ?? "/", "http://bridge").searchParams.get("origin") === "tooling";
    const conn: { ws: WebSocket; tcp?: Socket } = { ws };
    const pending: Buffer[] = [];
    let closed = false;
    let holdUntil = 0;
    let sending = Promise.resolve();

    function shutdown() {
      closed = true;
      live.delete(conn);
      conn.tcp?.destroy();
      if (ws.readyState === ws.OPEN) ws.close();
    }
    let dropNow = false;
    const counter = createStatementCounter(
      () => {
        if (tooling) return;
        wsStatements += 1;
        if (faults.takeDrop()) dropNow = true;
        else if (faults.slowMs > 0) holdUntil = Date.now() + faults.slowMs;
      },
      // Postgres closes the connection after a Terminate message; PGlite's
      // socket server does not, and the driver waits for that close.
      () => setTimeout(() => shutdown(), 0),
    );
    ws.on("message", (data) => {
      const chunk = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      counter(chunk);
      if (dropNow) {
        // The statement is lost with the connection: the client gets no answer.
        ws.terminate();
        shutdown();
        return;
      }
      if (conn.tcp && !conn.tcp.connecting) conn.tcp.write(chunk);
      else pending.push(chunk);
    });
    ws.on("close", shutdown);
    ws.on("error", shutdown);

    // A suspended compute makes the Worker's connection wait while it wakes.
    (tooling ? Promise.resolve() : faults.compute()).then(() => {
      if (closed) return;
      if (faults.down) {
        ws.close(1011, "database unavailable");
        return;
      }
      const tcp = connect(options.target.port, options.target.host);
      conn.tcp = tcp;
      live.add(conn);
      tcp.on("connect", () => {
        for (const chunk of pending) tcp.write(chunk);
        pending.length = 0;
      });
      tcp.on("data", (chunk) => {
        // A slow database: answers to a statement are held back, in order.
        sending = sending.then(async () => {
          const wait = holdUntil - Date.now();
          if (wait > 0) await delay(wait);
          if (ws.readyState === ws.OPEN) ws.send(chunk);
        });
      });
      tcp.on("close", shutdown);
      tcp.on("error", shutdown);
    });
  });

  await new Promise<void>((resolve) => http.listen(options.port ?? 0, host, resolve));
  const address = http.address();
  if (address === null || typeof address === "string") throw new Error("bridge has no port");
  proxy = `${host}:${address.port}/v1`;

  return {
    proxy,
    httpEndpoint: `http://${host}:${address.port}/sql`,
    token,
    close: async () => {
      cutAll();
      await sqlOverHttp.close();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/**
 * Follows the frontend side of the Postgres protocol: one untyped startup (or
 * SSL request) message, then typed messages `type:u8 length:u32 body`.
 */
function createStatementCounter(onStatement: () => void, onTerminate: () => void): (chunk: Buffer) => void {
  let buffered: Buffer = Buffer.alloc(0);
  let startupDone = false;
  return (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    for (;;) {
      if (!startupDone) {
        if (buffered.length < 8) return;
        const length = buffered.readUInt32BE(0);
        if (buffered.length < length) return;
        const code = buffered.readUInt32BE(4);
        buffered = buffered.subarray(length);
        if (code !== SSL_REQUEST_CODE) startupDone = true;
        continue;
      }
      if (buffered.length < 5) return;
      const length = buffered.readUInt32BE(1);
      if (buffered.length < length + 1) return;
      const type = String.fromCharCode(buffered[0] ?? 0);
      if (type === "Q" || type === "S") onStatement();
      if (type === "X") onTerminate();
      buffered = buffered.subarray(length + 1);
    }
  };
}
