/**
 * @module The app's types, shared by the app factory, the HTTP adapters
 * (src/http/) and the endpoints (src/endpoints/). Types only: this module
 * imports no folder of src/, so every layer may use it.
 */
import type { Env } from "./env.ts";

export type AppEnv = {
  Bindings: Env;
  /** Set along the way; `dbMs` and `rows` feed the request log. */
  Variables: { organizationId: string; dbMs?: number; rows?: number };
};
