/**
 * @module `GET /openapi.json` (OpenAPI 3.1, assembled from the endpoints'
 * declarations) and `GET /docs` (Scalar's interactive reference, where a
 * person can authorize with an API key and run queries). Neither needs a key:
 * they hold no data. Neither is itself in the document.
 */
import { Scalar } from "@scalar/hono-api-reference";
import { Hono } from "hono";
import type { AppEnv } from "../../app-types.ts";
import type { Endpoint } from "../../http/endpoint.ts";
import { openApiDocument } from "../../openapi/document.ts";
import { DOCS_PAGE } from "./docs-page.ts";

export function docsRouter(endpoints: readonly Endpoint[]): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  let cached: { origin: string; document: unknown } | undefined;
  router.get("/openapi.json", (c) => {
    const origin = new URL(c.req.url).origin;
    if (cached?.origin !== origin) cached = { origin, document: openApiDocument(endpoints, origin) };
    return c.json(cached.document, 200, { "Cache-Control": "public, max-age=300" });
  });
  router.get("/docs", Scalar(DOCS_PAGE));
  return router;
}
