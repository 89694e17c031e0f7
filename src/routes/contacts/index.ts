import { methodNotAllowed } from "../../http/errors.ts";
import { rejectInvalidExport } from "../../http/export-request-schema.ts";
import { rejectInvalidFacets } from "../../http/facets-request-schema.ts";
import { createRouter } from "../../lib/create-app.ts";
import { listFields, purgeCache, queryGet, queryPost } from "./contacts.handlers.ts";
import {
  FIELDS_PATH,
  fieldsRoute,
  PURGE_PATH,
  purgeRoute,
  QUERY_PATH,
  queryGetRoute,
  queryPostDoc,
  queryPostRoute,
} from "./contacts.routes.ts";
import { EXPORT_PATH, exportGetRoute, exportPostDoc, exportPostRoute } from "./export.routes.ts";
import { exportGet, exportPost, facetsGet, facetsPost } from "./export-facets.handlers.ts";
import { FACETS_PATH, facetsGetRoute, facetsPostRoute } from "./facets.routes.ts";

/** Hono's path syntax for an OpenAPI path: `/org/{orgId}` → `/org/:orgId`. */
const honoPath = (path: string) => path.replaceAll(/\{(\w+)\}/g, ":$1");

/** The contacts resource: queries (GET and POST), the field catalog, cache purges. */
export const contactsRouter = createRouter()
  .openapi(queryGetRoute, queryGet)
  .openapi(queryPostRoute, queryPost)
  .openapi(fieldsRoute, listFields)
  .openapi(purgeRoute, purgeCache);

// The POST is validated with a required body (so an empty one gets defaults) and documented with an optional one.
contactsRouter.openAPIRegistry.registerPath(queryPostDoc);

contactsRouter.all(honoPath(QUERY_PATH), methodNotAllowed("GET", "POST"));
contactsRouter.all(honoPath(FIELDS_PATH), methodNotAllowed("GET"));
contactsRouter.all(honoPath(PURGE_PATH), methodNotAllowed("POST"));

// Exports and facets take parameters of their own: their own hook names them in "unknown parameter" messages.
contactsRouter.openapi(exportGetRoute, exportGet, rejectInvalidExport);
contactsRouter.openapi(exportPostRoute, exportPost, rejectInvalidExport);
contactsRouter.openAPIRegistry.registerPath(exportPostDoc);
contactsRouter.openapi(facetsGetRoute, facetsGet, rejectInvalidFacets);
contactsRouter.openapi(facetsPostRoute, facetsPost, rejectInvalidFacets);
contactsRouter.all(honoPath(EXPORT_PATH), methodNotAllowed("GET", "POST"));
contactsRouter.all(honoPath(FACETS_PATH), methodNotAllowed("GET", "POST"));
