import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { Env } from "./env.ts";

/**
 * The app's types, shared by the app factory (src/lib/create-app.ts), the HTTP
 * adapters (src/http/) and the routes (src/routes/). Types only: this module
 * imports no folder of src/, so every layer may use it.
 */
export type AppEnv = {
  Bindings: Env;
  /** Set along the way; `dbMs` and `rows` feed the request log. */
  Variables: { organizationId: string; dbMs?: number; rows?: number };
};

/** The app, and each resource's router. */
export type AppOpenAPI = OpenAPIHono<AppEnv>;

/** A handler of a route definition (`createRoute`), typed by it: validated inputs in, documented responses out. */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
