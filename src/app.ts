import { createApp } from "./lib/create-app.ts";
import { contactsRouter } from "./routes/contacts/index.ts";
import { docsRouter } from "./routes/docs/index.ts";

/**
 * The Hono app: the contacts resource, and its documentation (/openapi.json,
 * /docs). Everything else — the request log, validation errors, 404s and the
 * mapping of every error to a response — comes with `createApp`.
 */
export const app = createApp();

app.route("/", contactsRouter);
app.route("/", docsRouter(app));
