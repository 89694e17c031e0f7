import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { REPO_ROOT } from "../dev/paths.ts";

/**
 * The explorer's build output: static/explore/ (gitignored), served by the
 * Worker's static assets as /explore (index.html) and /explore/app.js,
 * /explore/app.css. Written by `npm run explorer:build`, measured by
 * `npm run bench:bundle`.
 */
export const EXPLORER_SOURCE = join(REPO_ROOT, "explorer");
export const EXPLORER_OUT = join(REPO_ROOT, "static", "explore");

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** Every file of the build output with its size and gzip size (level 9, as a CDN compresses at best). */
export function explorerAssetSizes(): AssetSize[] {
  return readdirSync(EXPLORER_OUT)
    .sort()
    .map((file) => {
      const content = readFileSync(join(EXPLORER_OUT, file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    });
}
