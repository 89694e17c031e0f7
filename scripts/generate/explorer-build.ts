import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type BuildOptions, build, context } from "esbuild";
import { runMain } from "../cli.ts";
import { EXPLORER_OUT, EXPLORER_SOURCE, explorerAssetSizes } from "./explorer-assets.ts";

/**
 * `npm run explorer:build`: bundles the explorer (explorer/src, TypeScript and
 * Preact, with CodeMirror) into static/explore/ — app.js, app.css and the
 * page, index.html — which the Worker serves as static assets at /explore.
 * Nothing of it is imported by the Worker (src/). `npm run dev`, `serve`,
 * the browser tests and the build checks run it first.
 *
 * `-- --watch`: rebuild on every change (unminified, with source maps), for
 * working on the page beside `npm run dev`, which serves the new files on reload.
 */
const USAGE = `usage: npm run explorer:build [-- --watch]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { watch: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  rmSync(EXPLORER_OUT, { recursive: true, force: true });
  mkdirSync(EXPLORER_OUT, { recursive: true });
  copyFileSync(join(EXPLORER_SOURCE, "index.html"), join(EXPLORER_OUT, "index.html"));
  const options: BuildOptions = {
    entryPoints: { app: join(EXPLORER_SOURCE, "src", "main.tsx") },
    outdir: EXPLORER_OUT,
    bundle: true,
    format: "esm",
    target: ["es2022", "chrome111", "firefox115", "safari16"],
    tsconfig: join(EXPLORER_SOURCE, "tsconfig.json"),
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "eof",
    logLevel: "warning",
  };
  if (values.watch) {
    const watcher = await context({ ...options, sourcemap: "linked", logLevel: "info" });
    await watcher.watch();
    console.log(`watching explorer/ → ${EXPLORER_OUT} (Ctrl-C to stop)`);
    return new Promise(() => undefined);
  }
  await build({ ...options, minify: true });
  const sizes = explorerAssetSizes();
  const kib = (bytes: number) => (bytes / 1024).toFixed(1);
  const total = sizes.reduce((sum, asset) => sum + asset.gzipBytes, 0);
  console.log(
    `explorer built into static/explore/: ${sizes.map((asset) => `${asset.file} ${kib(asset.gzipBytes)} KiB`).join(", ")} (gzip; ${kib(total)} KiB in all)`,
  );
  return 0;
}

runMain(main);
