/**
 * @module An export as an HTTP response: the stream as the body, a download's
 * headers, and no caching anywhere (`no-store`: an export is read once, and
 * holds one tenant's data).
 */
import type { Context } from "hono";
import type { AppEnv } from "../../app-types.ts";
import type { ServerTiming } from "../../http/server-timing.ts";
import type { ContactExport } from "../../service/export.ts";

export function exportResponse(c: Context<AppEnv>, result: ContactExport, timing: ServerTiming): Response {
  const dbMs = timing.get("db");
  if (dbMs !== undefined) c.set("dbMs", dbMs);
  return c.body(result.body, 200, {
    "Content-Type": result.mediaType,
    "Content-Disposition": attachment(result.fileName),
    "Cache-Control": "no-store",
    "Server-Timing": timing.header(),
    // Progress for a client: how many contacts the body holds (exact up to 10,000, estimated above).
    "X-Total-Count": String(result.total.total),
    "X-Total-Count-Exact": String(result.total.exact),
  });
}

/**
 * `attachment; filename="…"` (RFC 6266): the name as a quoted string, `"` and
 * `\` escaped; a name with characters outside printable ASCII gets an ASCII
 * fallback (`_` for each) and the exact name as `filename*` (RFC 8187).
 */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/gu, "_").replace(/["\\]/g, "\\$&");
  if (/^[\x20-\x7e]*$/.test(fileName)) return `attachment; filename="${ascii}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
