/**
 * An error with an HTTP status, turned into a response in one place
 * (`app.onError`). The body is always a JSON string, as in the original API.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 413 | 500 | 501 | 503,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const unauthorized = (message: string, error?: "invalid_token") =>
  new ApiError(401, message, {
    "WWW-Authenticate": error ? `Bearer realm="contact-query", error="${error}"` : `Bearer realm="contact-query"`,
  });

export const databaseUnavailable = (message: string, retryAfterSeconds = 5) =>
  new ApiError(503, message, { "Retry-After": String(retryAfterSeconds) });
