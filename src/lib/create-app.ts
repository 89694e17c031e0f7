import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv, AppOpenAPI } from "../app-types.ts";
import { errorResponse, notFound } from "../http/errors.ts";
import { noSniff, varyOnAuthorization } from "../http/middleware.ts";
import { requestLog } from "../http/request-log.ts";
import { rejectInvalid } from "../http/validation.ts";

/**
 * A resource's router: routes declared with `router.openapi(route, handler)`
 * are validated by their zod schemas, a failed validation is a 400 naming the
 * parameter (`rejectInvalid`), and they are documented at /openapi.json once
 * the router is mounted on the app.
 */
export function createRouter(): AppOpenAPI {
  return new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid });
}

/**
 * The app: a request log line for every request, `X-Content-Type-Options:
 * nosniff` on every answer, `Vary: Authorization` on every answer under /org/, and the one place errors become responses
 * (`app.onError`, `app.notFound`: src/http/errors.ts).
 * Mount the resources' routers on it with `app.route("/", router)`.
 */
export function createApp(): AppOpenAPI {
  const app = createRouter();
  app.use(requestLog);
  app.use(noSniff);
  app.use("/org/*", varyOnAuthorization);
  app.notFound(notFound);
  app.onError(errorResponse);
  return app;
}
