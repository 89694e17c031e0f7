import { inject } from "vitest";
import type { BridgeStats } from "../../scripts/neon-proxy/ws-bridge.ts";
import { driverMode } from "../../src/db/client.ts";
import { testEnv } from "./env.ts";

/**
 * The local Neon-proxy stand-in of this test project's driver mode
 * (test/global-setup.ts): its counters and its simulated faults.
 */
export const mode = driverMode(testEnv);

function control(): string {
  return inject("proxies")[mode].control;
}

export async function proxyStats(): Promise<BridgeStats> {
  const response = await fetch(`${control()}/stats`);
  return (await response.json()) as BridgeStats;
}

export type FaultAction = "down" | "up" | "slow" | "drop" | "fail" | "suspend" | "reset";

/** `/__bridge/<action>?<params>`: see scripts/neon-proxy/faults.ts. */
export async function fault(action: FaultAction, params: Record<string, number> = {}): Promise<BridgeStats> {
  const search = new URLSearchParams(Object.entries(params).map(([name, value]) => [name, String(value)]));
  const response = await fetch(`${control()}/${action}${search.size > 0 ? `?${search}` : ""}`);
  if (!response.ok) throw new Error(`fault control ${action} answered ${response.status}`);
  return (await response.json()) as BridgeStats;
}
