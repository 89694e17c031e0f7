import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { bumpGeneration } from "./cache/generation.ts";
import { ApiError } from "./http/api-error.ts";
import { type AppEnv, answerQuery, rejectInvalid, requireApiKey } from "./http/query-route.ts";
import { requestLog } from "./http/request-log.ts";
import { mountDocs } from "./openapi/docs.ts";
import { fieldCatalogBody } from "./openapi/field-catalog-body.ts";
import { fieldsRoute, queryGetRoute, queryPostRoute } from "./openapi/routes.ts";
import { QueryError } from "./query/errors.ts";

const QUERY_PATH = "/org/:orgId/contact/query";
const PURGE_PATH = "/org/:orgId/contact/cache/purge";
const FIELDS_PATH = "/org/:orgId/contact/fields";
/** 405 for the other methods of a known path, naming the allowed ones (RFC 9110 §15.5.6). */
function methodNotAllowed(...allowed: string[]) {
  return (c: Context<AppEnv>) =>
    c.json(`method ${c.req.method} not allowed; use ${allowed.join(" or ")}`, 405, {
      ...NO_STORE,
      Allow: allowed.join(", "),
    });
}

/** Errors are never cached, by us or by anyone between us and the client. */
const NO_STORE = { "Cache-Control": "no-store" };

/** Routes declared with `app.openapi` are validated by their zod schemas and documented at /openapi.json. */
export const app = new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid });

app.use(requestLog);

app.openapi(queryGetRoute, (c) => answerQuery(c, c.req.valid("query")));
app.openapi(queryPostRoute, (c) => {
  const extra = Object.keys(c.req.queries());
  if (extra.length > 0) {
    throw new ApiError(400, `${extra[0]}: a POST takes its parameters in the JSON body, not the query string`);
  }
  return answerQuery(c, c.req.valid("json"));
});
app.openapi(fieldsRoute, (c) => c.json(fieldCatalogBody(), 200, { "Cache-Control": "private, max-age=300" }));
app.all(FIELDS_PATH, methodNotAllowed("GET"));
mountDocs(app);
/** Makes every cached page of the organization unreachable at once (see cache/generation.ts). */
app.post(PURGE_PATH, requireApiKey, async (c) => {
  const kv = c.env.CACHE_GENERATIONS;
  if (!kv) throw new ApiError(501, "cache purge is not configured (no CACHE_GENERATIONS binding)");
  const generation = await bumpGeneration(kv, c.get("organizationId"));
  return c.json({ purged: true, organization_id: c.get("organizationId"), generation });
});
app.all(PURGE_PATH, methodNotAllowed("POST"));

app.all(QUERY_PATH, methodNotAllowed("GET", "POST"));

app.notFound((c) => c.json(`no route for ${c.req.method} ${new URL(c.req.url).pathname}`, 404, NO_STORE));

/** Every failure becomes a response here, and only here. */
app.onError((error, c) => {
  if (error instanceof QueryError) return c.json(error.message, 400, NO_STORE);
  if (error instanceof ApiError) return c.json(error.message, error.status, { ...NO_STORE, ...error.headers });
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own 4xx, e.g. a POST body that is not JSON.
    return c.json(`body: ${error.message || "malformed request"}`, error.status, NO_STORE);
  }
  // Name and SQLSTATE only: a driver message can carry SQL text and bound values.
  const code = (error as { code?: unknown }).code;
  console.error(
    JSON.stringify({
      level: "error",
      message: "unhandled error",
      error: error.name,
      code: typeof code === "string" ? code : null,
    }),
  );
  return c.json("internal error", 500, NO_STORE);
});
