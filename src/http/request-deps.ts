/** @module The services' dependencies for one request: its bindings, its `waitUntil`, its timing. */
import type { Context } from "hono";
import type { AppEnv } from "../app-types.ts";
import { type ServiceDeps, serviceDeps } from "../service/deps.ts";
import type { ServerTiming } from "./server-timing.ts";

export function requestDeps(c: Context<AppEnv>, timing?: ServerTiming): ServiceDeps {
  return serviceDeps(c.env, (promise) => c.executionCtx.waitUntil(promise), timing?.measure);
}
