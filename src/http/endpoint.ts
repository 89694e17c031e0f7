/**
 * @module The one way an endpoint is made. An endpoint declares its path,
 * methods, parameters, responses and handler (src/endpoints/<name>/); `endpoint`
 * turns that into a router that
 *
 * - authenticates first (`requireApiKey`), when the endpoint holds data;
 * - for a GET, validates the query string; for a POST, refuses a query string,
 *   refuses a body over `MAX_BODY_BYTES` (413), reads the body as JSON
 *   whatever its declared media type, and validates it — both against the same
 *   parameters, so a GET and a POST of the same request mean the same;
 * - drops parameters given empty (`q=`, `"count": ""`, `"page_token": null`):
 *   an empty value means the parameter is absent, everywhere;
 * - answers other methods on the path with a 405 naming the allowed ones;
 * - and documents all of it (document.ts builds /openapi.json from the
 *   endpoints' declarations, the very parameters the validator uses).
 */
import { zValidator } from "@hono/zod-validator";
import { type Context, type Handler, Hono, type MiddlewareHandler } from "hono";
import * as z from "zod/mini";
import type { AppEnv } from "../app-types.ts";
import { clip } from "../domain/client-text.ts";
import { InvalidRequest } from "../domain/errors.ts";
import { limitBody, readBodyAsJson } from "./body.ts";
import { methodNotAllowed } from "./error-response.ts";
import { requireApiKey } from "./middleware.ts";
import { type JsonSchema, type Parameter, REPEATED, requestSchema } from "./parameters.ts";

export type Method = "GET" | "POST";

/** A documented response: its description, body schemas by media type, headers. */
export interface ResponseDoc {
  readonly description: string;
  readonly content?: Record<string, JsonSchema>;
  readonly headers?: Record<string, JsonSchema & { description?: string }>;
}

export interface EndpointSpec<P extends Record<string, Parameter>> {
  /** The OpenAPI path, `{name}` for path parameters: `/org/{orgId}/contact/query`. */
  readonly path: string;
  readonly methods: readonly Method[];
  /** The GET's operation id; the POST's is it with `Post` appended. */
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  /** Holds an organization's data: needs an API key of the path's organization. */
  readonly authenticated: boolean;
  /** The query string of a GET, the JSON body of a POST. */
  readonly parameters: P;
  /** A POST must send a body (otherwise an empty one means all defaults). */
  readonly bodyRequired?: boolean;
  /** Documented answers by status; the shared errors are added by the document. */
  readonly responses: Record<number, ResponseDoc>;
  /** Component schemas the responses name (`#/components/schemas/<name>`). */
  readonly schemas?: Record<string, JsonSchema>;
  readonly handle: (c: Context<AppEnv>, input: EndpointInput<P>) => Response | Promise<Response>;
}

/** The validated parameters an endpoint's handler receives (from a query string or a body). */
export type EndpointInput<P extends Record<string, Parameter>> = {
  [K in keyof P]: z.output<P[K]["query"]> | z.output<P[K]["body"]>;
};

/** An endpoint: its router (to mount on the app) and its declaration (for the document). */
export interface Endpoint {
  readonly router: Hono<AppEnv>;
  readonly spec: EndpointSpec<Record<string, Parameter>>;
}

export function endpoint<P extends Record<string, Parameter>>(spec: EndpointSpec<P>): Endpoint {
  const names = Object.keys(spec.parameters);
  const schema = (form: "query" | "body") => requestSchema(spec.parameters, form);
  const path = spec.path.replaceAll(/\{(\w+)\}/g, ":$1");
  const router = new Hono<AppEnv>();
  const guard = spec.authenticated ? [requireApiKey] : [];
  const handle = (c: Context<AppEnv>, input: unknown) => spec.handle(c, input as EndpointInput<P>);
  // The handlers are typed loosely here: each is a middleware of this app, and the last one answers.
  const on = (method: Method, handlers: unknown[], last: (c: Context<AppEnv>) => unknown) =>
    router.on(method, path, ...(handlers as [MiddlewareHandler<AppEnv>]), last as Handler<AppEnv>);

  if (spec.methods.includes("GET")) {
    const validate = zValidator("query", schema("query"), rejectInvalid(names, "query"), PRESENT);
    on("GET", [...guard, validate], (c) => handle(c, c.req.valid("query" as never)));
  }
  if (spec.methods.includes("POST")) {
    const validate = zValidator("json", schema("body"), rejectInvalid(names, "body"), PRESENT);
    on("POST", [...guard, rejectQueryString, limitBody, readBodyAsJson, validate], (c) =>
      handle(c, c.req.valid("json" as never)),
    );
  }
  router.all(path, methodNotAllowed(...spec.methods));
  return { router, spec: spec as unknown as EndpointSpec<Record<string, Parameter>> };
}

/** Validates what was given, leaving out parameters given empty (`""`, or `null` in a body): those are absent. */
function present(schema: z.ZodMiniType, value: unknown) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return z.safeParseAsync(schema, value);
  const given = Object.fromEntries(Object.entries(value).filter(([, item]) => item !== "" && item !== null));
  return z.safeParseAsync(schema, given);
}

/** zValidator's option, typed for zod/mini (its declared type names zod classic's result, which mini's matches at run time). */
const PRESENT = { validationFunction: present } as unknown as undefined;

function rejectQueryString(c: Context<AppEnv>, next: () => Promise<void>): Promise<void> {
  const extra = Object.keys(c.req.queries());
  if (extra[0] !== undefined) {
    throw new InvalidRequest(extra[0], "a POST takes its parameters in the JSON body, not the query string", {
      reason: "unknown-parameter",
    });
  }
  return next();
}

/**
 * The validation hook: the first problem as an `InvalidRequest` naming the
 * parameter (unknown parameters first, then repeated ones); an unknown
 * parameter's message lists the endpoint's own.
 */
function rejectInvalid(names: readonly string[], where: "query" | "body") {
  const expected = `${names.slice(0, -1).join(", ")} or ${names.at(-1)}${where === "body" ? " in the JSON body" : ""}`;
  return (result: { success: boolean; error?: { issues: readonly z.core.$ZodIssue[] } }): undefined => {
    if (result.success) return undefined;
    const issues = [...(result.error?.issues ?? [])].sort((a, b) => rank(a) - rank(b));
    const issue = issues[0];
    if (!issue) throw new InvalidRequest(undefined, "invalid request", { reason: "invalid-body" });
    if (issue.code === "unrecognized_keys") {
      throw new InvalidRequest(clip(issue.keys[0] ?? ""), "unknown parameter", {
        reason: "unknown-parameter",
        hint: `expected ${expected}`,
      });
    }
    const param = issue.path[0];
    // No parameter: the body itself is not a JSON object.
    if (param === undefined) throw new InvalidRequest(undefined, issue.message, { reason: "invalid-body" });
    const reason = issue.message === REPEATED ? "repeated-parameter" : "invalid-parameter";
    throw new InvalidRequest(String(param), issue.message, { reason });
  };
}

function rank(issue: z.core.$ZodIssue): number {
  if (issue.code === "unrecognized_keys") return 0;
  return issue.message === REPEATED ? 1 : 2;
}
