import { type NeonConfig, neonConfig, Pool } from "@neondatabase/serverless";
import { WebSocket } from "ws";

/**
 * Node-side scripts (migrations, seeding, key creation) use the same Neon driver
 * as the Worker, through the same WebSocket bridge, so every path to the
 * database is exercised the same way.
 */
export function useBridge(wsProxy: string, token: string): void {
  configureBridgeSocket(neonConfig, wsProxy, token);
}

/**
 * Points a driver socket configuration (the global `neonConfig`, or one
 * client's `neonConfig`) at the bridge: plain WebSocket from Node, no TLS,
 * with the bridge's token. `query` is appended to the bridge URL (e.g.
 * `&origin=tooling`).
 */
export function configureBridgeSocket(
  config: Pick<
    NeonConfig,
    "webSocketConstructor" | "wsProxy" | "useSecureWebSocket" | "pipelineTLS" | "pipelineConnect"
  >,
  wsProxy: string | (() => string),
  token: string,
  query = "",
): void {
  const proxy = typeof wsProxy === "string" ? () => wsProxy : wsProxy;
  config.webSocketConstructor = WebSocket;
  config.wsProxy = (host, port) => `${proxy()}?address=${host}:${port}&token=${encodeURIComponent(token)}${query}`;
  config.useSecureWebSocket = false;
  config.pipelineTLS = false;
  config.pipelineConnect = false;
}

export function openPool(databaseUrl: string): Pool {
  return new Pool({ connectionString: databaseUrl, max: 4 });
}
