import type { Context } from "hono";
import type { AppEnv, AppRouteHandler } from "../../app-types.ts";
import { InvalidRequest } from "../../domain/errors.ts";
import { pageResponse } from "../../http/page-response.ts";
import { ServerTiming } from "../../http/server-timing.ts";
import { fieldCatalogBody } from "../../openapi/field-catalog-body.ts";
import type { QueryInput } from "../../query/parse-query.ts";
import { purgeContactCache, queryContacts } from "../../service/contacts.ts";
import { serviceDeps } from "../../service/deps.ts";
import type { fieldsRoute, purgeRoute, queryGetRoute, queryPostRoute } from "./contacts.routes.ts";

/**
 * The contacts resource's handlers: each turns a validated request into a call
 * to the contacts service (src/service/contacts.ts) and its result into a
 * response. Authentication (`requireApiKey`) and validation have run by now.
 */

export const queryGet: AppRouteHandler<typeof queryGetRoute> = (c) => answerQuery(c, c.req.valid("query"));

export const queryPost: AppRouteHandler<typeof queryPostRoute> = (c) => {
  const extra = Object.keys(c.req.queries());
  if (extra[0] !== undefined) {
    throw new InvalidRequest(extra[0], "a POST takes its parameters in the JSON body, not the query string");
  }
  return answerQuery(c, c.req.valid("json"));
};

export const listFields: AppRouteHandler<typeof fieldsRoute> = (c) =>
  c.json(fieldCatalogBody(), 200, { "Cache-Control": "private, max-age=300" });

/** Makes every cached page of the organization unreachable at once (see cache/generation.ts). */
export const purgeCache: AppRouteHandler<typeof purgeRoute> = async (c) => {
  const organizationId = c.get("organizationId");
  const generation = await purgeContactCache(organizationId, depsFor(c));
  return c.json({ purged: true as const, organization_id: organizationId, generation }, 200);
};

/**
 * The page is sent as the text Postgres rendered, so the answer is a plain
 * Response rather than a typed `c.json`; the OpenAPI tests check it against the document.
 */
async function answerQuery(c: Context<AppEnv>, input: QueryInput): Promise<Response> {
  const timing = new ServerTiming();
  const deps = depsFor(c, timing);
  // `total`: the whole answer after authentication (cache lookups, database, body, ETag), beside its parts.
  const result = await timing.measure("total", () => queryContacts(c.get("organizationId"), input, deps));
  return pageResponse(c, result, deps.cache.settings, timing);
}

function depsFor(c: Context<AppEnv>, timing?: ServerTiming) {
  return serviceDeps(c.env, (promise) => c.executionCtx.waitUntil(promise), timing?.measure);
}
