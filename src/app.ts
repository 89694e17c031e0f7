/** @module The app: every endpoint (src/endpoints/), and their documentation (/openapi.json, /docs). */
import { docsRouter } from "./endpoints/docs/docs.router.ts";
import { ENDPOINTS } from "./endpoints/index.ts";
import { createApp } from "./http/app.ts";

export const app = createApp(ENDPOINTS);
app.route("/", docsRouter(ENDPOINTS));
