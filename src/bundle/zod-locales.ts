/**
 * Stands in for zod's `locales/index.js` in the Worker bundle only (wrangler.toml
 * `[alias]`). zod re-exports every language's error messages as `z.locales` and
 * `z.core.locales`, and since `z` is used as an object (by @hono/zod-openapi
 * too) the bundler keeps all of them: ~260 KiB minified, a third of the Worker.
 * The service speaks English only, which zod registers by itself from
 * `locales/en.js`; nothing reads `z.locales`. Tests and tools run unaliased.
 */
export { default as en } from "zod/v4/locales/en.js";
