/**
 * The import rules of src/ (`npm run depcheck`, run by CI). Layers, top down:
 *
 *   src/index.ts, src/app.ts        the Worker entry and the app
 *   src/endpoints/<name>/           one folder per endpoint: its declaration (path, parameters, docs), handler,
 *                                   response; src/endpoints/index.ts lists them
 *   src/openapi/                    the OpenAPI document, assembled from the endpoints' declarations
 *   src/http/                       the endpoint factory, middleware, errors → responses, shared parameters
 *   src/service/                    what the API does, with no HTTP in it
 *   src/auth/ src/cache/ src/db/ src/sql/ src/query/ src/contact/
 *   src/domain/                     the errors every layer throws (imports nothing)
 *   src/*.ts but the entry: env.ts, app-types.ts, log.ts, measure.ts, sha256.ts, ... (imported by all, import no folder)
 *
 * explorer/ (the /explore page, static assets) is never imported by src/.
 *
 * Type-only imports count: a layer that needs another's types depends on it.
 */
const BELOW_HTTP = "^src/(auth|cache|contact|db|domain|query|service|sql|bundle)/";

module.exports = {
  forbidden: [
    {
      name: "below-http-imports-http",
      comment:
        "Modules below the HTTP layer (services, database, auth, cache, the language, SQL) know nothing of " +
        "HTTP, endpoints or the OpenAPI document: they throw domain errors (src/domain/errors.ts) and return values.",
      severity: "error",
      from: { path: BELOW_HTTP },
      to: { path: "^src/(http|endpoints|openapi)/|^src/(app|index)\\.ts$" },
    },
    {
      name: "below-service-imports-service",
      comment: "The services compose the layers below them; those never call back up into a service.",
      severity: "error",
      from: { path: "^src/(auth|cache|contact|db|domain|query|sql|bundle)/" },
      to: { path: "^src/service/" },
    },
    {
      name: "http-imports-endpoints-or-document",
      comment:
        "The HTTP adapters (the endpoint factory, middleware, error mapping) serve every endpoint and know none: " +
        "they import no endpoint, nor the document assembled from them.",
      severity: "error",
      from: { path: "^src/http/" },
      to: { path: "^src/(endpoints|openapi)/|^src/(app|index)\\.ts$" },
    },
    {
      name: "document-imports-endpoints",
      comment: "The OpenAPI document is assembled from the endpoints it is handed; it imports none of them.",
      severity: "error",
      from: { path: "^src/openapi/" },
      to: { path: "^src/endpoints/|^src/(app|index)\\.ts$" },
    },
    {
      name: "endpoint-imports-another",
      comment: "An endpoint is one folder: it imports no other endpoint's folder (only src/endpoints/index.ts lists them).",
      severity: "error",
      from: { path: "^src/endpoints/([^/]+)/" },
      to: { path: "^src/endpoints/", pathNot: "^src/endpoints/$1/" },
    },
    {
      name: "shared-root-module-imports-folder",
      comment:
        "A module at the root of src/ other than the entry (src/env.ts, src/app-types.ts, src/sha256.ts, ...) is " +
        "imported by every layer, so it imports no folder.",
      severity: "error",
      from: { path: "^src/[^/]+\\.ts$", pathNot: "^src/(app|index)\\.ts$" },
      to: { path: "^src/[^/]+/" },
    },
    {
      name: "entry-imported",
      comment: "Only the Worker entry (src/index.ts) imports the app.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/index\\.ts$" },
      to: { path: "^src/(app|index)\\.ts$" },
    },
    {
      name: "no-circular",
      comment: "No module imports itself through others.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-circular-folders",
      comment:
        "No two folders of src/ import each other, directly or through others. (src/ itself holds only the " +
        "entry, at the top, and shared modules, at the bottom: the rules above keep it out of any circle.)",
      severity: "error",
      scope: "folder",
      from: { pathNot: "^src/?$" },
      to: { circular: true, pathNot: "^src/?$" },
    },
    {
      name: "worker-imports-explorer",
      comment:
        "The explorer (explorer/) is a static page built apart (npm run explorer:build): nothing of it may reach " +
        "the Worker's bundle.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^explorer/" },
    },
    {
      name: "not-to-unresolvable",
      comment: "Every import resolves.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // explorer/ only so that an import of it from src/ is seen (and refused); the cruise starts at src/.
    includeOnly: "^(src|explorer)/",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
