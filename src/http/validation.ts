import type { z } from "zod";
import { describeIssues } from "./request-schema.ts";

/**
 * The validation hook of every route (the routers' `defaultHook`,
 * src/lib/create-app.ts): the first issue as an `InvalidRequest` naming the
 * parameter.
 */
export function rejectInvalid(result: { success: true } | { success: false; error: z.ZodError; target: string }) {
  if (!result.success) {
    throw describeIssues(result.error.issues, result.target === "json" ? "body" : "query");
  }
}
