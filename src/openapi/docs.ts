import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";

/**
 * The OpenAPI document's own parts (title, description, servers, the bearer
 * scheme) and the settings of the docs page (Scalar). The routes that serve
 * them are src/routes/docs/.
 */

/**
 * Scalar's browser bundle, served by this deployment as a static asset
 * (`[assets]` in wrangler.toml: static/docs/scalar.js, a link to the installed
 * @scalar/api-reference), never from a CDN: the page runs no code this
 * deployment does not serve itself.
 */
export const SCALAR_BUNDLE = "/docs/scalar.js";

export const DESCRIPTION = `Filters, sorts and pages an organization's contacts, with a LISP-style or JSON filter language.

1. Paste an API key (\`cq_…\`) into **Bearer Token** under *Authentication*; \`npm run dev\` prints demo keys.
2. Open *Query contacts* and press **Test Request**; set \`orgId\` to the key's organization and \`q\` to a
   filter such as \`(= info.partner "AWS")\`, and press **Send**.
3. *List the filterable and sortable fields* shows every field with its type and operators.

Every error body is a JSON string naming the parameter, the problem and the position.`;

/** The security scheme the routes' `security: [{ bearerAuth: [] }]` refers to. */
export function registerSecuritySchemes<E extends Env>(app: OpenAPIHono<E>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "cq_ + 43 base64url characters",
    description: "An API key of the organization in the path: `Authorization: Bearer <api key>`.",
  });
}

/** The OpenAPI 3.1 document of every route registered on `app`, served from `origin`. */
export function openApiDocument<E extends Env>(app: OpenAPIHono<E>, origin: string) {
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "Contact query API", version: "1.0.0", description: DESCRIPTION },
    servers: [{ url: origin, description: "this deployment" }],
    tags: [{ name: "contacts", description: "Query an organization's contacts" }],
  });
}

/** Scalar's settings: the document, the bundle of this deployment, and no hosted extras. */
export const DOCS_PAGE = {
  url: "/openapi.json",
  cdn: SCALAR_BUNDLE,
  pageTitle: "Contact query API",
  withDefaultFonts: false,
  telemetry: false,
  authentication: { preferredSecurityScheme: "bearerAuth" },
  // No hosted extras: no AI agent, no developer toolbar (they call Scalar's services).
  agent: { disabled: true },
  showDeveloperTools: "never",
  hideClientButton: false,
} as const;
