import { zValidator } from "@hono/zod-validator";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createFactory } from "hono/factory";
import { authenticate, authorize } from "../auth/authenticate.ts";
import { type QueryRunner, withDatabase } from "../db/client.ts";
import { type Env, settingsFrom } from "../env.ts";
import type { ContactQuery } from "../query/ast.ts";
import { LIMITS } from "../query/limits.ts";
import { parseContactQuery, type QueryInput } from "../query/parse-query.ts";
import { contactQuerySql } from "../sql/contact-query-sql.ts";
import { ApiError } from "./api-error.ts";
import { contactQueryBody, contactQueryParams, describeIssues } from "./request-schema.ts";

export type AppEnv = { Bindings: Env; Variables: { organizationId: string } };

const factory = createFactory<AppEnv>();

/** Opens the database for this request only when something needs it. */
function databaseFor(c: Context<AppEnv>) {
  const settings = settingsFrom(c.env);
  return <T>(work: (db: QueryRunner) => Promise<T>) =>
    withDatabase(c.env, settings, (promise) => c.executionCtx.waitUntil(promise), work);
}

/** 401 / 403 before anything else is looked at (contract §2). */
export const requireApiKey = factory.createMiddleware(async (c, next) => {
  const organizationId = await authenticate(c.req.header("Authorization"), {
    cacheSeconds: settingsFrom(c.env).authCacheSeconds,
    lookup: databaseFor(c),
    waitUntil: (promise) => c.executionCtx.waitUntil(promise),
  });
  authorize(organizationId, c.req.param("orgId") ?? "");
  c.set("organizationId", organizationId);
  await next();
});

export const validateQueryString = zValidator("query", contactQueryParams, (result) => {
  if (!result.success) throw new ApiError(400, describeIssues(result.error.issues, "query"));
});

export const limitBody = bodyLimit({
  maxSize: LIMITS.maxBodyBytes,
  onError: () => {
    throw new ApiError(413, `body: larger than ${LIMITS.maxBodyBytes} bytes`);
  },
});

export const validateJsonBody = zValidator("json", contactQueryBody, (result) => {
  if (!result.success) throw new ApiError(400, describeIssues(result.error.issues, "body"));
});

/** Runs the one statement for a parsed query and renders the response body. */
export async function answerQuery(c: Context<AppEnv>, input: QueryInput): Promise<Response> {
  const query = parseContactQuery(input);
  const body = await fetchPage(c, c.get("organizationId"), query);
  return c.body(body, 200, { "Content-Type": "application/json; charset=utf-8" });
}

async function fetchPage(c: Context<AppEnv>, organizationId: string, query: ContactQuery): Promise<string> {
  const [row] = await databaseFor(c)((db) =>
    db.rows<{ total_count: string | number; data: string }>(contactQuerySql(organizationId, query)),
  );
  if (!row) throw new Error("the contact query returned no row");
  // `data` is already the JSON array of contacts, rendered by Postgres.
  return `{"data":${row.data},"page_number":${query.pageNumber},"page_size":${query.pageSize},"total_count":${Number(row.total_count)}}`;
}
