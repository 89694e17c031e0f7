import { app } from "./app.ts";

/** The Worker entry: everything is the Hono app. */
export default app;
