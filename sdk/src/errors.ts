import type { ErrorPosition, ProblemDetails } from "./answers.js";
import { parseRetryAfter } from "./retry.js";

/** What a `ContactQueryError` holds besides its message. */
export interface ContactQueryErrorFields {
  status: number;
  detail: string;
  code?: string | null;
  param?: string | null;
  position?: ErrorPosition | null;
  hint?: string | null;
  title?: string | null;
  type?: string | null;
  retryAfter?: number | null;
}

/**
 * Every error answer of the service, and an export that ends before its last
 * contact. The fields are those of the service's problem details (RFC 9457):
 * `status`, a stable `code` (`unknown_field`, `syntax_error`, `rate_limited`,
 * …), the `param` at fault, the `position` in it, a `hint` of what to do, and
 * the human `detail` (also the error's `message`). An answer that is a plain
 * JSON string fills `detail`, and `param` from its `param: ` prefix; the other
 * fields are then `null`. Network failures are not wrapped: `fetch`'s own
 * error is thrown.
 *
 * @example
 * try {
 *   await client.query({ q: "(= nme 1)" });
 * } catch (error) {
 *   if (error instanceof ContactQueryError && error.param === "q") console.log(error.detail, error.hint);
 *   else throw error;
 * }
 */
export class ContactQueryError extends Error {
  override readonly name = "ContactQueryError";
  /** The HTTP status (200 for an export cut short after it began). */
  readonly status: number;
  /** Stable, snake_case: what went wrong, for programs. */
  readonly code: string | null;
  /** The parameter at fault (`q`, `page_size`, …), or null. */
  readonly param: string | null;
  /** Where in that parameter: line and column of LISP text, a JSON pointer into JSON. */
  readonly position: ErrorPosition | null;
  /** What to do about it, when the service knows. */
  readonly hint: string | null;
  /** The human-readable explanation (the service's message). */
  readonly detail: string;
  /** A fixed summary of the `code`. */
  readonly title: string | null;
  /** A URI naming the `code` (`/docs/errors#unknown_field`). */
  readonly type: string | null;
  /** Seconds the service asked to wait before trying again (429, 503), or null. */
  readonly retryAfter: number | null;

  constructor(fields: ContactQueryErrorFields, options?: { cause?: unknown }) {
    super(fields.detail, options);
    this.status = fields.status;
    this.detail = fields.detail;
    this.code = fields.code ?? null;
    this.param = fields.param ?? null;
    this.position = fields.position ?? null;
    this.hint = fields.hint ?? null;
    this.title = fields.title ?? null;
    this.type = fields.type ?? null;
    this.retryAfter = fields.retryAfter ?? null;
  }
}

/** The error an answer that is not a success stands for; reads (and so consumes) its body. */
export async function errorFromResponse(response: Response): Promise<ContactQueryError> {
  const status = response.status;
  const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
  const text = await response.text().catch(() => "");
  const body = parseJson(text);
  if (isProblem(body)) {
    return new ContactQueryError({
      status,
      detail: stringOr(body.detail, stringOr(body.title, `HTTP ${status}`)),
      code: stringOr(body.code, null),
      param: stringOr(body.param, null),
      position: positionOf(body.position),
      hint: stringOr(body.hint, null),
      title: stringOr(body.title, null),
      type: stringOr(body.type, null),
      retryAfter,
    });
  }
  const detail = typeof body === "string" ? body : text.trim() || `HTTP ${status}`;
  return new ContactQueryError({ status, detail, param: paramOf(status, detail), retryAfter });
}

/** A client mistake's message starts with the parameter it is about: `q: unknown field 'nme'`. */
function paramOf(status: number, detail: string): string | null {
  if (status !== 400 && status !== 413) return null;
  return /^([A-Za-z_][A-Za-z0-9_.]*): /.exec(detail)?.[1] ?? null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isProblem(body: unknown): body is { [K in keyof ProblemDetails]?: unknown } {
  return typeof body === "object" && body !== null && !Array.isArray(body) && ("detail" in body || "title" in body);
}

function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === "string" ? value : fallback;
}

function positionOf(value: unknown): ErrorPosition | null {
  if (typeof value !== "object" || value === null) return null;
  const { line, column, pointer } = value as { line?: unknown; column?: unknown; pointer?: unknown };
  if (typeof line === "number" && typeof column === "number") return { line, column };
  if (typeof pointer === "string") return { pointer };
  return null;
}
