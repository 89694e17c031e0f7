/**
 * @module A POST's JSON body: its size limit and how it is read.
 */
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { PayloadTooLarge } from "../domain/errors.ts";

/** The largest body the service reads (a filter is at most 16 KiB; the rest is headroom for JSON). */
export const MAX_BODY_BYTES = 64 * 1024;

/** A body larger than the service reads is refused before it is parsed. */
export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new PayloadTooLarge(MAX_BODY_BYTES);
  },
});

/**
 * A POST body is JSON or absent, whatever media type the client declared: a
 * JSON body sent as `text/plain` (what `fetch` does without a Content-Type) or
 * without any header is read as JSON, never silently ignored. Bodies that are
 * not JSON are a 400 from the validator ("body: ...").
 */
export const readBodyAsJson = createMiddleware(async (c, next) => {
  const contentType = c.req.header("Content-Type");
  if (contentType === undefined || !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType)) {
    const body = await c.req.arrayBuffer();
    if (body.byteLength > 0) {
      const headers = new Headers(c.req.raw.headers);
      headers.set("Content-Type", "application/json");
      c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers, body });
    }
  }
  await next();
});
