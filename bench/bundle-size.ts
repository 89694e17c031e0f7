/**
 * @module `npm run bench:bundle` (after `npm run build:check`): the gzip size of
 * the minified Worker bundle, and what takes the space (its bytes by package
 * and by folder of src/, from the esbuild metafile wrangler writes beside it);
 * and the explorer's assets (static/explore/, everything /explore loads).
 * Each fails above its budget. The Worker's budget sits just over the measured
 * size, so growth is a deliberate decision: raise it in the same change that
 * explains why. The explorer's is the page's limit: 300 KiB for everything it
 * loads.
 */
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { EXPLORER_OUT, explorerAssetSizes } from "../scripts/lib/explorer-assets.ts";

const BUNDLE = new URL("../dist/index.js", import.meta.url);
const METAFILE = new URL("../dist/meta.json", import.meta.url);
const BUDGET_KIB = Number(process.env.BUNDLE_BUDGET_KIB ?? 143);
const EXPLORER_BUDGET_KIB = Number(process.env.EXPLORER_BUDGET_KIB ?? 300);

let source: Buffer;
try {
  source = readFileSync(BUNDLE);
} catch {
  console.error("dist/index.js not found: run `npm run build:check` first");
  process.exit(2);
}

interface Metafile {
  outputs: Record<string, { inputs?: Record<string, { bytesInOutput: number }> }>;
}

/** Minified bytes of the bundle by package (`hono`, `@neondatabase/serverless`) or folder of src/. */
function bytesByOrigin(metafile: Metafile): [string, number][] {
  const output = Object.values(metafile.outputs).find((candidate) => Object.keys(candidate.inputs ?? {}).length > 0);
  const totals = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const folder = /\bsrc\/([^/]+)\//.exec(file)?.[1];
    const origin = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (folder ? `src/${folder}/` : "src/*.ts");
    totals.set(origin, (totals.get(origin) ?? 0) + bytesInOutput);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

try {
  const metafile = JSON.parse(readFileSync(METAFILE, "utf8")) as Metafile;
  console.log("minified bytes by origin:");
  for (const [origin, bytes] of bytesByOrigin(metafile)) {
    console.log(`  ${(bytes / 1024).toFixed(1).padStart(7)} KiB  ${origin}`);
  }
} catch {
  console.log("(no dist/meta.json: `npm run build:check` writes it)");
}

let failed = false;
const gzipKib = gzipSync(source, { level: 9 }).length / 1024;
console.log(
  `dist/index.js: ${(source.length / 1024).toFixed(1)} KiB minified, ${gzipKib.toFixed(1)} KiB gzip (budget ${BUDGET_KIB} KiB)`,
);
if (gzipKib > BUDGET_KIB) {
  console.error(`bundle over budget by ${(gzipKib - BUDGET_KIB).toFixed(1)} KiB`);
  failed = true;
}

if (!existsSync(EXPLORER_OUT)) {
  console.error("static/explore/ not found: run `npm run explorer:build` (build:check runs it) first");
  process.exit(2);
}
const assets = explorerAssetSizes();
const explorerKib = assets.reduce((sum, asset) => sum + asset.gzipBytes, 0) / 1024;
for (const asset of assets) {
  console.log(
    `  explore/${asset.file}: ${(asset.bytes / 1024).toFixed(1)} KiB, ${(asset.gzipBytes / 1024).toFixed(1)} KiB gzip`,
  );
}
console.log(
  `static/explore/ (the page's assets): ${explorerKib.toFixed(1)} KiB gzip (budget ${EXPLORER_BUDGET_KIB} KiB)`,
);
if (explorerKib > EXPLORER_BUDGET_KIB) {
  console.error(`the explorer is over budget by ${(explorerKib - EXPLORER_BUDGET_KIB).toFixed(1)} KiB`);
  failed = true;
}
process.exit(failed ? 1 : 0);
