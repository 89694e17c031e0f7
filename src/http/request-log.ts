/** @module The request log: one JSON line per request (other log lines are src/log.ts's). */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../app-types.ts";

/**
 * One structured JSON log line per request (Workers Logs / Logpush ingest
 * them as fields). Deliberately absent: the API key, the query string (filters
 * may carry personal data), the raw path (client text: an organization id, or
 * whatever an unknown path holds) and any SQL. The request is named by the
 * route pattern that answered it (`/org/:orgId/contact/query`), `null` when
 * none did (a 404); the organization is logged once authenticated.
 */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now();
  await next();
  const dbMs = c.get("dbMs");
  console.log(
    JSON.stringify({
      level: c.res.status >= 500 ? "error" : "info",
      method: KNOWN_METHODS.has(c.req.method) ? c.req.method : "other",
      route: routeOf(c),
      org: c.get("organizationId") ?? null,
      status: c.res.status,
      cache: c.res.headers.get("X-Cache"),
      db_ms: dbMs === undefined ? null : Math.round(dbMs * 10) / 10,
      rows: c.get("rows") ?? null,
      ms: Date.now() - started,
    }),
  );
});

const KNOWN_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The pattern of the route whose handler answered; `null` when only the app's own `*` middleware ran. */
function routeOf(c: Context<AppEnv>): string | null {
  const route = matchedRoutes(c)[c.req.routeIndex];
  if (!route || route.path.endsWith("*")) return null;
  return route.path;
}
