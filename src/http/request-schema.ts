import { z } from "zod";
import { clip } from "../domain/client-text.ts";
import { InvalidRequest } from "../domain/errors.ts";
import { bodyDocs, parameterDocs as docs } from "../openapi/request-docs.ts";
import { DEFAULT_PAGE_NUMBER, DEFAULT_PAGE_SIZE, LIMITS } from "../query/limits.ts";

/**
 * The request parameters as zod schemas: the route definitions
 * (src/routes/contacts/contacts.routes.ts) validate the query string (GET) and
 * the JSON body (POST) with them, and the OpenAPI document is generated from
 * them. Messages are written to follow the parameter name: "page_size: must be ...".
 */
const PAGE_SIZE_MESSAGE = `must be an integer between 1 and ${LIMITS.maxPageSize}`;
const PAGE_NUMBER_MESSAGE = "must be an integer >= 1";
const OFFSET_MESSAGE = `(page_number - 1) * page_size must not exceed ${LIMITS.maxOffset}`;
const COUNT_MODES = ["exact", "estimated", "none"] as const;
const COUNT_MESSAGE = "must be 'exact', 'estimated' or 'none'";

/** An empty (or null) value means the parameter is absent. */
const absentWhenEmpty = <T extends z.ZodType<string | null>>(schema: T) =>
  schema.optional().transform((value) => (value ? value : undefined));

/** Hono hands a repeated query parameter over as an array. */
const once = (message: string) => (issue: { input?: unknown }) =>
  Array.isArray(issue.input) ? "given more than once" : message;

const digits = (message: string) =>
  z
    .string({ error: once(message) })
    .regex(/^\d{1,9}$/, { error: message })
    .transform(Number);

const querySchema = z.strictObject({
  page_size: digits(PAGE_SIZE_MESSAGE)
    .pipe(z.number().min(1, { error: PAGE_SIZE_MESSAGE }).max(LIMITS.maxPageSize, { error: PAGE_SIZE_MESSAGE }))
    .default(DEFAULT_PAGE_SIZE)
    .meta(docs.page_size),
  // No default here: given together with page_token it is a 400 (the language applies the default).
  page_number: digits(PAGE_NUMBER_MESSAGE)
    .pipe(z.number().min(1, { error: PAGE_NUMBER_MESSAGE }))
    .optional()
    .meta(docs.page_number),
  q: z
    .string({ error: once("must be a string") })
    .optional()
    .meta(docs.q),
  qs: z
    .enum(["lisp", "json"], { error: once("must be 'lisp' or 'json'") })
    .default("lisp")
    .meta(docs.qs),
  s: z
    .string({ error: once("must be a string") })
    .optional()
    .meta(docs.s),
  ss: z
    .enum(["simple", "json"], { error: once("must be 'simple' or 'json'") })
    .default("simple")
    .meta(docs.ss),
  page_token: absentWhenEmpty(z.string({ error: once("must be a string") })).meta(docs.page_token),
  count: z
    .enum(COUNT_MODES, { error: once(COUNT_MESSAGE) })
    .default("exact")
    .meta(docs.count),
  fields: z
    .string({ error: once("must be a string") })
    .optional()
    .meta(docs.fields),
});

const bodyInteger = (message: string, max: number) =>
  z
    .union(
      [
        z.number(),
        z
          .string()
          .regex(/^\d{1,9}$/)
          .transform(Number),
      ],
      { error: message },
    )
    .pipe(z.number().int({ error: message }).min(1, { error: message }).max(max, { error: message }));

const bodySchema = z.strictObject(
  {
    page_size: bodyInteger(PAGE_SIZE_MESSAGE, LIMITS.maxPageSize).default(DEFAULT_PAGE_SIZE).meta(bodyDocs.page_size),
    page_number: bodyInteger(PAGE_NUMBER_MESSAGE, Number.MAX_SAFE_INTEGER).optional().meta(bodyDocs.page_number),
    // A string, or with qs/ss "json" the JSON value itself; null means absent.
    q: z
      .unknown()
      .optional()
      .transform((value) => (value === null ? undefined : value))
      .meta(bodyDocs.q),
    qs: z.enum(["lisp", "json"], { error: "must be 'lisp' or 'json'" }).default("lisp").meta(docs.qs),
    s: z
      .unknown()
      .optional()
      .transform((value) => (value === null ? undefined : value))
      .meta(bodyDocs.s),
    ss: z.enum(["simple", "json"], { error: "must be 'simple' or 'json'" }).default("simple").meta(docs.ss),
    page_token: absentWhenEmpty(z.string({ error: "must be a string" }).nullable()).meta(docs.page_token),
    count: z.enum(COUNT_MODES, { error: COUNT_MESSAGE }).default("exact").meta(docs.count),
    fields: z
      .union([z.string(), z.array(z.string())], { error: "must be a string or a list of strings" })
      .nullable()
      .optional()
      .transform((value) => value ?? undefined)
      .meta(bodyDocs.fields),
  },
  { error: "body: must be a JSON object" },
);

function withOffsetLimit<T extends z.ZodType<{ page_size: number; page_number?: number | undefined }>>(schema: T) {
  return schema.superRefine((value, ctx) => {
    if (((value.page_number ?? DEFAULT_PAGE_NUMBER) - 1) * value.page_size > LIMITS.maxOffset) {
      ctx.addIssue({ code: "custom", path: ["page_number"], message: OFFSET_MESSAGE });
    }
  });
}

export const contactQueryParams = withOffsetLimit(querySchema);
/** The parameters a query takes, for "unknown parameter" messages. */
const PARAMETER_NAMES = (() => {
  const names = Object.keys(querySchema.shape);
  return `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
})();
export const contactQueryBody = withOffsetLimit(bodySchema);

/** The first problem, naming the parameter (unknown parameters first). */
export function describeIssues(issues: readonly z.core.$ZodIssue[], where: "query" | "body"): InvalidRequest {
  const sorted = [...issues].sort((a, b) => rank(a) - rank(b));
  const issue = sorted[0];
  if (!issue) return new InvalidRequest(undefined, "invalid request");
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    return new InvalidRequest(
      clip(key),
      `unknown parameter (expected ${PARAMETER_NAMES}${where === "body" ? " in the JSON body" : ""})`,
    );
  }
  const param = issue.path[0];
  if (param === undefined) return new InvalidRequest(undefined, issue.message);
  return new InvalidRequest(String(param), issue.message);
}

function rank(issue: z.core.$ZodIssue): number {
  if (issue.code === "unrecognized_keys") return 0;
  return issue.message === "given more than once" ? 1 : 2;
}
