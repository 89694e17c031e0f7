/** @module The Worker entry: everything is the Hono app. */
import { app } from "./app.ts";

export default app;
