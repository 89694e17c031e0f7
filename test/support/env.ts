import { env } from "cloudflare:workers";
import type { Env } from "../../src/env.ts";

/** The Worker's bindings as tests see them (set in vitest.config.ts), typed as the Worker types them. */
export const testEnv = env as unknown as Env;
