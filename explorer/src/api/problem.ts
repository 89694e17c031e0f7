import type { ErrorPosition } from "./types.ts";

/**
 * An error answer of the API, whichever form it came in: RFC 9457 problem
 * details (`application/problem+json`, asked for with `Accept`) carry `param`,
 * `position` and `hint` as fields; a server that answers with the plain JSON
 * string body names the parameter first ("q: …") and the position last
 * ("… at line 1, column 4", "… at /2/1"), and this reads them from the text.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    /** The whole message (problem details' `detail`, or the string body). */
    readonly detail: string,
    readonly param: string | null,
    readonly position: ErrorPosition | null,
    readonly hint: string | null,
    readonly code: string | null,
  ) {
    super(detail);
  }
}

interface ProblemDetails {
  title?: string;
  status?: number;
  detail?: string;
  code?: string | null;
  param?: string | null;
  position?: ErrorPosition | null;
  hint?: string | null;
}

/** Reads an error response (any status >= 400) into an `ApiError`. */
export async function readApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get("Content-Type") ?? "";
  const text = await response.text();
  if (type.includes("application/problem+json")) {
    const problem = parseJson(text) as ProblemDetails | undefined;
    if (problem && typeof problem === "object") {
      const detail = problem.detail ?? problem.title ?? `HTTP ${response.status}`;
      return new ApiError(
        response.status,
        detail,
        problem.param ?? paramOf(detail),
        validPosition(problem.position) ?? positionOf(detail),
        problem.hint ?? null,
        problem.code ?? null,
      );
    }
  }
  const body = parseJson(text);
  const detail = typeof body === "string" ? body : text.trim() || `HTTP ${response.status} ${response.statusText}`;
  return new ApiError(response.status, detail, paramOf(detail), positionOf(detail), null, null);
}

/** The parameter a string message starts with: `q: expected ')' …` → `q`. */
export function paramOf(message: string): string | null {
  return /^([a-z][a-z_]*): /.exec(message)?.[1] ?? null;
}

/**
 * The position a string message names, the last one it holds: "at line L,
 * column C" (LISP text, simple sorts, lists), a JSON pointer ("at /2/1") or
 * "at the top level" (the pointer of the whole JSON value).
 */
export function positionOf(message: string): ErrorPosition | null {
  const lineColumn = [...message.matchAll(/\bat line (\d+), column (\d+)/g)].at(-1);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const pointer = [...message.matchAll(/ at (\/\S*)/g)].at(-1);
  if (pointer?.[1] !== undefined) return { pointer: pointer[1].replace(/[.,;)]+$/, "") };
  if (/ at the top level\b/.test(message)) return { pointer: "" };
  return null;
}

function validPosition(position: unknown): ErrorPosition | null {
  if (!position || typeof position !== "object") return null;
  const { line, column, pointer } = position as Record<string, unknown>;
  if (typeof line === "number" && typeof column === "number") return { line, column };
  if (typeof pointer === "string") return { pointer };
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
