import type { OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import type { AppEnv } from "../http/query-route.ts";
import { queryPostDoc } from "./routes.ts";

/**
 * `GET /openapi.json` (OpenAPI 3.1, generated from the routes' zod schemas) and
 * `GET /docs` (Scalar's interactive reference, where a person can authorize
 * with an API key and run queries). Neither needs a key: they hold no data.
 */

/** Version of Scalar's browser bundle the docs page loads; a test keeps it equal to the installed one. */
export const SCALAR_VERSION = "1.72.1";
export const SCALAR_CDN = `https://cdn.jsdelivr.net/npm/@scalar/api-reference@${SCALAR_VERSION}/dist/browser/standalone.js`;

const DESCRIPTION = `Filters, sorts and pages an organization's contacts, with a LISP-style or JSON filter language.

1. Paste an API key (\`cq_…\`) into **Bearer Token** under *Authentication*; \`npm run dev\` prints demo keys.
2. Open *Query contacts* and press **Test Request**; set \`orgId\` to the key's organization and \`q\` to a
   filter such as \`(= info.partner "AWS")\`, and press **Send**.
3. *List the filterable and sortable fields* shows every field with its type and operators.

Every error body is a JSON string naming the parameter, the problem and the position.`;

export function mountDocs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "cq_ + 43 base64url characters",
    description: "An API key of the organization in the path: `Authorization: Bearer <api key>`.",
  });

  app.openAPIRegistry.registerPath(queryPostDoc);

  let cached: { origin: string; document: unknown } | undefined;
  app.get("/openapi.json", (c) => {
    const origin = new URL(c.req.url).origin;
    if (cached?.origin !== origin) {
      const document = app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: { title: "Contact query API", version: "1.0.0", description: DESCRIPTION },
        servers: [{ url: origin, description: "this deployment" }],
        tags: [{ name: "contacts", description: "Query an organization's contacts" }],
      });
      cached = { origin, document };
    }
    return c.json(cached.document, 200, { "Cache-Control": "public, max-age=300" });
  });

  app.get(
    "/docs",
    Scalar({
      url: "/openapi.json",
      cdn: SCALAR_CDN,
      pageTitle: "Contact query API",
      withDefaultFonts: false,
      telemetry: false,
      authentication: { preferredSecurityScheme: "bearerAuth" },
      // No hosted extras: no AI agent, no developer toolbar (they call Scalar's services).
      agent: { disabled: true },
      showDeveloperTools: "never",
      hideClientButton: false,
    }),
  );
}
