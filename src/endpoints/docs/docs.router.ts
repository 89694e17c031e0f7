/**
 * @module What the service says about itself, without a key (none holds
 * data; none is itself in the document): `GET /`, a small JSON index naming
 * the rest (a browser is sent to the reference); `GET /openapi.json`
 * (OpenAPI 3.1, assembled from the endpoints' declarations, whose description
 * is the reference of the language, the fields and the error codes);
 * `GET /docs` (Scalar's interactive reference, where a person can authorize
 * with an API key and run queries); `GET /docs/errors` (every error code,
 * one anchor each).
 */
import { Scalar } from "@scalar/hono-api-reference";
import { Hono } from "hono";
import { accepts } from "hono/accepts";
import type { AppEnv } from "../../app-types.ts";
import type { Endpoint } from "../../http/endpoint.ts";
import { methodNotAllowed } from "../../http/error-response.ts";
import { openApiDocument } from "../../openapi/document.ts";
import { DOCS_PAGE } from "./docs-page.ts";
import { ERRORS_PAGE_CSP, errorsPage } from "./errors-page.ts";

const PUBLIC = { "Cache-Control": "public, max-age=300" };

export function docsRouter(endpoints: readonly Endpoint[]): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  const index = {
    name: "Contact query API",
    docs: "/docs",
    openapi: "/openapi.json",
    errors: "/docs/errors",
    endpoints: endpoints.map(({ spec }) => ({ path: spec.path, methods: spec.methods, summary: spec.summary })),
  };
  router.get("/", (c) => {
    // Both answers depend on Accept, so shared caches keep them apart.
    c.header("Vary", "Accept");
    const wanted = accepts(c, { header: "Accept", supports: ["application/json", "text/html"], default: "" });
    if (wanted === "text/html") return c.redirect("/docs", 302);
    return c.json(index, 200, PUBLIC);
  });

  let cached: { origin: string; document: unknown } | undefined;
  router.get("/openapi.json", (c) => {
    const origin = new URL(c.req.url).origin;
    if (cached?.origin !== origin) cached = { origin, document: openApiDocument(endpoints, origin) };
    return c.json(cached.document, 200, PUBLIC);
  });
  router.get("/docs", Scalar(DOCS_PAGE));

  let page: string | undefined;
  router.get("/docs/errors", (c) => {
    page ??= errorsPage();
    return c.html(page, 200, { ...PUBLIC, "Content-Security-Policy": ERRORS_PAGE_CSP });
  });
  for (const path of ["/", "/openapi.json", "/docs", "/docs/errors"]) router.all(path, methodNotAllowed("GET"));
  return router;
}
