import { Scalar } from "@scalar/hono-api-reference";
import type { AppOpenAPI } from "../../app-types.ts";
import { createRouter } from "../../lib/create-app.ts";
import { DOCS_PAGE, openApiDocument, registerSecuritySchemes } from "../../openapi/docs.ts";

/**
 * `GET /openapi.json` (OpenAPI 3.1, generated from the routes' zod schemas) and
 * `GET /docs` (Scalar's interactive reference, where a person can authorize
 * with an API key and run queries). Neither needs a key: they hold no data.
 * Neither is itself in the document.
 *
 * @param app the app whose routes the document describes
 */
export function docsRouter(app: AppOpenAPI): AppOpenAPI {
  const router = createRouter();
  registerSecuritySchemes(router);

  let cached: { origin: string; document: unknown } | undefined;
  router.get("/openapi.json", (c) => {
    const origin = new URL(c.req.url).origin;
    if (cached?.origin !== origin) cached = { origin, document: openApiDocument(app, origin) };
    return c.json(cached.document, 200, { "Cache-Control": "public, max-age=300" });
  });

  router.get("/docs", Scalar(DOCS_PAGE));
  return router;
}
