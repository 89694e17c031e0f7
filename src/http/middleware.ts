/**
 * @module The app's middleware: the API-key guard of data endpoints (`requireApiKey`: authentication,
 * rate limits, the organization) and headers set on answers (`Vary: Authorization` under `/org/`, `nosniff`).
 */
import { createFactory } from "hono/factory";
import type { AppEnv } from "../app-types.ts";
import { authenticate, authorize } from "../auth/authenticate.ts";
import { addressPartition, rateLimitersFrom } from "../auth/rate-limit.ts";
import { settingsFrom } from "../env.ts";
import { databaseAccess } from "../service/deps.ts";
import { rateLimitPolicyField } from "./error-response.ts";

const factory = createFactory<AppEnv>();

/**
 * 401 / 403 / 429 before anything else is looked at, the parameters and the
 * cache included: a request without a valid key of the path's organization,
 * within its limits, learns nothing else. Sets `organizationId`.
 *
 * In order: a missing or malformed key is a 401 at once; a key not verified
 * recently costs one unit of its address's budget before the database is asked
 * (a 429 beyond it, whatever the database's state); then the key's own limit
 * (429); then the organization (403). See src/auth/rate-limit.ts.
 */
export const requireApiKey = factory.createMiddleware(async (c, next) => {
  const waitUntil = (promise: Promise<unknown>) => c.executionCtx.waitUntil(promise);
  const limits = rateLimitersFrom(c.env);
  const settings = settingsFrom(c.env);
  const { organizationId, keyHash } = await authenticate(c.req.header("Authorization"), {
    cacheSeconds: settings.authCacheSeconds,
    staleSeconds: settings.authStaleSeconds,
    namespace: c.env.CACHE_NAMESPACE || undefined,
    lookup: databaseAccess(c.env, waitUntil),
    waitUntil,
    admitLookup: () => limits.address.check(addressPartition(c.req.header("CF-Connecting-IP"))),
  });
  await limits.key.check(keyHash);
  if (limits.key.enforced && limits.key.policy.limit !== undefined)
    c.header("RateLimit-Policy", rateLimitPolicyField(limits.key.policy));
  authorize(organizationId, c.req.param("orgId") ?? "");
  c.set("organizationId", organizationId);
  await next();
});

/**
 * Every answer under `/org/` depends on the `Authorization` header — a page,
 * a 304, a 401, a 403, a 429 — so it says so (RFC 9110 §12.5.5): no cache
 * between us and the client may answer one key's request with another's
 * response. Set after the answer is made, errors included.
 */
export const varyOnAuthorization = factory.createMiddleware(async (c, next) => {
  await next();
  c.header("Vary", "Authorization", { append: true });
});

/**
 * `X-Content-Type-Options: nosniff` on every answer (pages, errors, 304s, the
 * docs and the OpenAPI document): a browser takes each answer for the media
 * type it declares and never sniffs, say, an error quoting client text as
 * HTML. Set after the answer is made, errors included.
 */
export const noSniff = factory.createMiddleware(async (c, next) => {
  await next();
  c.header("X-Content-Type-Options", "nosniff");
});
