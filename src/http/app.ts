/**
 * @module The app factory: a request log line for every request,
 * `X-Content-Type-Options: nosniff` on every answer, CORS for the allowed origins, `Vary: Authorization` on every answer under /org/, the one place errors become
 * responses (`onError`, `notFound`: error-response.ts), and each endpoint's
 * router mounted.
 */
import { Hono } from "hono";
import type { AppEnv } from "../app-types.ts";
import { corsForAllowedOrigins } from "./cors.ts";
import type { Endpoint } from "./endpoint.ts";
import { notFound, renderError } from "./error-response.ts";
import { noSniff, varyOnAuthorization } from "./middleware.ts";
import { requestLog } from "./request-log.ts";

export function createApp(endpoints: readonly Endpoint[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestLog);
  app.use(noSniff);
  app.use(corsForAllowedOrigins);
  app.use("/org/*", varyOnAuthorization);
  app.notFound(notFound);
  app.onError(renderError);
  for (const { router } of endpoints) app.route("/", router);
  return app;
}
