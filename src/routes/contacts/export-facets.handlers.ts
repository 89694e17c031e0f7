import type { Context } from "hono";
import type { AppEnv, AppRouteHandler } from "../../app-types.ts";
import { InvalidRequest } from "../../domain/errors.ts";
import { exportResponse } from "../../http/export-response.ts";
import { pageResponse } from "../../http/page-response.ts";
import { ServerTiming } from "../../http/server-timing.ts";
import { type ExportInput, exportContacts } from "../../service/contact-export.ts";
import { type FacetInput, facetContacts } from "../../service/contact-facets.ts";
import { serviceDeps } from "../../service/deps.ts";
import type { exportGetRoute, exportPostRoute } from "./export.routes.ts";
import type { facetsGetRoute, facetsPostRoute } from "./facets.routes.ts";

/**
 * The export's and the facets' handlers: each turns a validated request into
 * a call to the contacts service and its result into a response.
 * Authentication (`requireApiKey`) and validation have run by now.
 */
export const exportGet: AppRouteHandler<typeof exportGetRoute> = (c) => answerExport(c, c.req.valid("query"));

export const exportPost: AppRouteHandler<typeof exportPostRoute> = (c) => {
  rejectQueryString(c);
  return answerExport(c, c.req.valid("json"));
};

export const facetsGet: AppRouteHandler<typeof facetsGetRoute> = (c) => answerFacets(c, c.req.valid("query"));

export const facetsPost: AppRouteHandler<typeof facetsPostRoute> = (c) => {
  rejectQueryString(c);
  return answerFacets(c, c.req.valid("json"));
};

function rejectQueryString(c: Context<AppEnv>): void {
  const extra = Object.keys(c.req.queries());
  if (extra[0] !== undefined) {
    throw new InvalidRequest(extra[0], "a POST takes its parameters in the JSON body, not the query string");
  }
}

async function answerExport(c: Context<AppEnv>, input: ExportInput): Promise<Response> {
  const timing = new ServerTiming();
  const result = await exportContacts(c.get("organizationId"), input, depsFor(c, timing));
  return exportResponse(c, result, timing);
}

async function answerFacets(c: Context<AppEnv>, input: FacetInput): Promise<Response> {
  const timing = new ServerTiming();
  const deps = depsFor(c, timing);
  const result = await facetContacts(c.get("organizationId"), input, deps);
  return pageResponse(c, result, deps.cache.settings, timing);
}

function depsFor(c: Context<AppEnv>, timing: ServerTiming) {
  return serviceDeps(c.env, (promise) => c.executionCtx.waitUntil(promise), timing.measure);
}
