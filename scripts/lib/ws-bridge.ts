import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { connect, type Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * A WebSocket-to-TCP bridge for the Neon serverless driver.
 *
 * The driver speaks the Postgres wire protocol over a WebSocket (that is how it
 * runs inside Workers, which cannot open raw TCP to arbitrary hosts in every
 * setup). Neon's own proxy does this in production; against a plain Postgres we
 * point `neonConfig.wsProxy` at this bridge, as the driver's docs describe.
 *
 * The bridge only ever connects to the one target it was started for, whatever
 * address the client asks for, so it cannot be used as an open proxy.
 *
 * It also counts the statements clients send (simple `Query` messages and
 * extended-protocol `Sync` messages, one per statement), which lets tests prove
 * how many database round trips a request made, and it can be switched "down"
 * to simulate an unreachable database.
 */
export interface WsBridge {
  /** `host:port/v1`, the value for `neonConfig.wsProxy` (the driver appends nothing else). */
  readonly proxy: string;
  readonly port: number;
  statements(): number;
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export interface WsBridgeOptions {
  target: { host: string; port: number };
  port?: number;
  host?: string;
  /** Expose `/__bridge/*` control endpoints (tests only). */
  control?: boolean;
}

const SSL_REQUEST_CODE = 80877103;

export async function startWsBridge(options: WsBridgeOptions): Promise<WsBridge> {
  const host = options.host ?? "127.0.0.1";
  let statementCount = 0;
  let down = false;
  const live = new Set<{ ws: WebSocket; tcp: Socket }>();

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!options.control || !req.url?.startsWith("/__bridge/")) {
      res.writeHead(404).end();
      return;
    }
    const action = req.url.slice("/__bridge/".length);
    if (action === "down") {
      down = true;
      for (const conn of live) {
        conn.tcp.destroy();
        conn.ws.terminate();
      }
      live.clear();
    } else if (action === "up") {
      down = false;
    } else if (action !== "stats") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ statements: statementCount, down, connections: live.size }));
  });

  const wss = new WebSocketServer({ server: http });
  wss.on("connection", (ws) => {
    if (down) {
      ws.close(1011, "database unavailable");
      return;
    }
    const tcp = connect(options.target.port, options.target.host);
    const conn = { ws, tcp };
    live.add(conn);
    const counter = createStatementCounter(
      () => {
        statementCount += 1;
      },
      // Postgres closes the connection after a Terminate message; PGlite's
      // socket server does not, and the driver waits for that close.
      () => setTimeout(() => shutdown(), 0),
    );
    const pending: Buffer[] = [];
    let open = false;
    tcp.on("connect", () => {
      open = true;
      for (const chunk of pending) tcp.write(chunk);
      pending.length = 0;
    });
    ws.on("message", (data) => {
      const chunk = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      counter(chunk);
      if (open) tcp.write(chunk);
      else pending.push(chunk);
    });
    tcp.on("data", (chunk) => ws.send(chunk));
    function shutdown() {
      live.delete(conn);
      tcp.destroy();
      if (ws.readyState === ws.OPEN) ws.close();
    }
    tcp.on("close", shutdown);
    tcp.on("error", shutdown);
    ws.on("close", shutdown);
    ws.on("error", shutdown);
  });

  await new Promise<void>((resolve) => http.listen(options.port ?? 0, host, resolve));
  const address = http.address();
  if (address === null || typeof address === "string") throw new Error("bridge has no port");

  return {
    proxy: `${host}:${address.port}/v1`,
    port: address.port,
    statements: () => statementCount,
    setDown(value) {
      down = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const conn of live) {
          conn.tcp.destroy();
          conn.ws.terminate();
        }
        wss.close();
        http.close(() => resolve());
      }),
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
