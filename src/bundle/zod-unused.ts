/**
 * Stands in for two zod modules the Worker never uses, in the Worker bundle
 * only (wrangler.toml `[alias]`): the schema compiler behind `z.compile` and
 * `z.fromJSONSchema`. zod re-exports both from the `z` namespace, which the
 * bundler keeps whole (`z` is used as an object, by @hono/zod-openapi too), so
 * they cost ~43 KiB minified without ever running. Validation runs zod's
 * ordinary parser; the OpenAPI document is made with `toJSONSchema`, which
 * stays. Tests and tools run unaliased.
 */
export function fromJSONSchema(): never {
  throw new Error("z.fromJSONSchema is not available in the Worker bundle");
}

const unavailable = (name: string) => (): never => {
  throw new Error(`z.${name} is not available in the Worker bundle`);
};

// The names zod re-exports from its compiler, so its index modules still link.
export const INVALID = Symbol.for("zod.compile.invalid");
export const compile = unavailable("compile");
export const compileFn = unavailable("compileFn");
export const withParser = unavailable("withParser");
export class ZodCompileAsyncError extends Error {}
export class ZodCompileUnsupportedError extends Error {}
