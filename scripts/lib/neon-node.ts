import { neonConfig, Pool } from "@neondatabase/serverless";
import { WebSocket } from "ws";

/**
 * Node-side scripts (migrations, seeding, key creation) use the same Neon driver
 * as the Worker, through the same WebSocket bridge, so every path to the
 * database is exercised the same way.
 */
export function useBridge(wsProxy: string): void {
  neonConfig.webSocketConstructor = WebSocket;
  neonConfig.wsProxy = (host, port) => `${wsProxy}?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}

export function openPool(databaseUrl: string): Pool {
  return new Pool({ connectionString: databaseUrl, max: 4 });
}
