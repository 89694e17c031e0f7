import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-types.ts";

/**
 * One structured JSON log line per request (Workers Logs / Logpush ingest
 * them as fields). Deliberately absent: the API key, the query string (filters
 * may carry personal data) and any SQL.
 */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now();
  await next();
  const dbMs = c.get("dbMs");
  console.log(
    JSON.stringify({
      level: c.res.status >= 500 ? "error" : "info",
      method: c.req.method,
      path: c.req.path,
      org: c.get("organizationId") ?? null,
      status: c.res.status,
      cache: c.res.headers.get("X-Cache"),
      db_ms: dbMs === undefined ? null : Math.round(dbMs * 10) / 10,
      rows: c.get("rows") ?? null,
      ms: Date.now() - started,
    }),
  );
});
