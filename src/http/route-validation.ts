import type { z } from "zod";
import { clip } from "../domain/client-text.ts";
import { InvalidRequest } from "../domain/errors.ts";
import { describeIssues } from "./request-schema.ts";

/**
 * A validation hook for a route whose parameters are not the query's: like
 * the routers' default hook (`rejectInvalid`, validation.ts) — the first issue
 * as an `InvalidRequest` naming the parameter, unknown parameters first — but
 * an unknown parameter's message lists this route's own parameters.
 */
export function rejectInvalidWith(parameters: readonly string[]) {
  const expected = `${parameters.slice(0, -1).join(", ")} or ${parameters.at(-1)}`;
  return (result: { success: true } | { success: false; error: z.ZodError; target: string }): undefined => {
    if (result.success) return undefined;
    const where = result.target === "json" ? " in the JSON body" : "";
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        throw new InvalidRequest(clip(issue.keys[0] ?? ""), `unknown parameter (expected ${expected}${where})`);
      }
    }
    throw describeIssues(result.error.issues, result.target === "json" ? "body" : "query");
  };
}

/** Hono hands a repeated query parameter over as an array. */
export const onceOr = (message: string) => (issue: { input?: unknown }) =>
  Array.isArray(issue.input) ? "given more than once" : message;
