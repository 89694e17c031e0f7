import type { Context } from "hono";
import type { AppEnv } from "../app-types.ts";
import { matchesIfNoneMatch } from "../cache/etag.ts";
import type { CacheSettings } from "../cache/settings.ts";
import type { ContactPageResult } from "../service/contacts.ts";
import type { ServerTiming } from "./server-timing.ts";

/**
 * A page of the contacts service as an HTTP response: the cache headers, the
 * ETag (a matching `If-None-Match` gets a 304 without a body), Server-Timing,
 * and the values the request log reports.
 */
export function pageResponse(
  c: Context<AppEnv>,
  result: ContactPageResult,
  settings: CacheSettings,
  timing: ServerTiming,
): Response {
  const { page } = result;
  c.set("rows", page.rows);
  const dbMs = timing.get("db");
  if (dbMs !== undefined) c.set("dbMs", dbMs);
  const headers: Record<string, string> = {
    // `private`: the page belongs to one tenant; no shared proxy may store it.
    "Cache-Control": `private, max-age=${settings.ttlSeconds}, stale-while-revalidate=${settings.staleWhileRevalidateSeconds}`,
    ETag: page.etag,
    "X-Cache": result.cache,
    Age: String(result.ageSeconds),
    "Server-Timing": timing.header(),
  };
  if (matchesIfNoneMatch(c.req.header("If-None-Match"), page.etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(page.body, 200, { ...headers, "Content-Type": "application/json; charset=utf-8" });
}
