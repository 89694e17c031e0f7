/**
 * @module The settings of the docs page (Scalar's API reference, rendering
 * /openapi.json).
 */

/**
 * Scalar's browser bundle, served by this deployment as a static asset
 * (`[assets]` in wrangler.toml: static/docs/scalar.js, a link to the installed
 * @scalar/api-reference), never from a CDN: the page runs no code this
 * deployment does not serve itself.
 */
export const SCALAR_BUNDLE = "/docs/scalar.js";

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
