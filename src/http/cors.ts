/**
 * @module CORS, so a page on another origin can call the API (`CORS_ORIGINS`:
 * comma-separated origins, or `*`; none by default). For an allowed `Origin`,
 * a preflight `OPTIONS` is answered 204 and every answer — errors and 304s
 * included — names that origin (never `*`, so `Vary: Origin` keeps caches
 * apart) and exposes the headers a client reads. A request from any other
 * origin, or without one, gets no CORS header at all. Hono's `cors` middleware
 * does the work; this module decides whether it applies.
 */
import type { Context, MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-types.ts";

/** The methods, request headers and response headers of the API, as CORS names them. */
export const CORS_ALLOWED_METHODS = ["GET", "POST"];
export const CORS_ALLOWED_HEADERS = ["Authorization", "Content-Type", "Accept", "If-None-Match"];
export const CORS_EXPOSED_HEADERS = [
  "ETag",
  "X-Cache",
  "Retry-After",
  "RateLimit",
  "RateLimit-Policy",
  "Server-Timing",
  "Content-Disposition",
  "X-Total-Count",
  "X-Total-Count-Exact",
];
/** How long a browser may reuse a preflight's answer (seconds). */
export const CORS_MAX_AGE_SECONDS = 600;

const allowedCors = cors({
  origin: (origin) => origin,
  allowMethods: CORS_ALLOWED_METHODS,
  allowHeaders: CORS_ALLOWED_HEADERS,
  exposeHeaders: CORS_EXPOSED_HEADERS,
  maxAge: CORS_MAX_AGE_SECONDS,
});

/** Whether `origin` may call the API under the setting's value (`*`, or a comma-separated list). */
export function originAllowed(origin: string, setting: string | undefined): boolean {
  if (!setting) return false;
  const allowed = setting.split(",").map((entry) => entry.trim());
  return allowed.includes("*") || allowed.includes(origin);
}

export const corsForAllowedOrigins: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(
  async (c: Context<AppEnv>, next) => {
    const origin = c.req.header("Origin");
    if (!origin || !originAllowed(origin, c.env.CORS_ORIGINS)) return next();
    const answered = await allowedCors(c, next);
    if (answered) return answered;
    // An error answer replaces the response the middleware decorated: name the origin on it too.
    c.header("Access-Control-Allow-Origin", origin);
    c.header("Access-Control-Expose-Headers", CORS_EXPOSED_HEADERS.join(","));
    return undefined;
  },
);
