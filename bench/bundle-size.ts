/**
 * @module `npm run bench:bundle` (after `npm run build:check`): the gzip size of
 * the minified Worker bundle, and what takes the space (its bytes by package
 * and by folder of src/, from the esbuild metafile wrangler writes beside it);
 * and the explorer's assets (static/explore/, everything /explore loads).
 * Each fails above its budget. The Worker's budget sits just over the measured
 * size, so growth is a deliberate decision: raise it in the same change that
 * explains why. The explorer's is the page's limit: 300 KiB for everything it
 * loads. Writes bench/results/bundle.json (not under CI=true: the figure the
 * docs show is a benchmark run's, not every build's).
 */
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { EXPLORER_OUT, explorerAssetSizes } from "../scripts/generate/explorer-assets.ts";
import { startEnvironment, writeResults } from "./lib/results.ts";

const BUNDLE = new URL("../dist/index.js", import.meta.url);
const METAFILE = new URL("../dist/meta.json", import.meta.url);
const BUDGET_KIB = Number(process.env.BUNDLE_BUDGET_KIB ?? 151);
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

const environment = startEnvironment();
let origins: [string, number][] = [];
try {
  const metafile = JSON.parse(readFileSync(METAFILE, "utf8")) as Metafile;
  origins = bytesByOrigin(metafile);
  console.log("minified bytes by origin:");
  for (const [origin, bytes] of origins) {
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

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
if (process.env.CI !== "true") {
  const file = writeResults(
    "bundle",
    {
      ...environment.finish(),
      minifiedKiB: kib(source.length),
      gzipKiB: Math.round(gzipKib * 10) / 10,
      budgetKiB: BUDGET_KIB,
      // Each origin's share of the minified bytes (the gzip size is the whole bundle's only).
      byOrigin: origins.map(([origin, bytes]) => ({
        origin,
        minifiedKiB: kib(bytes),
        share: Math.round((bytes / source.length) * 1000) / 1000,
      })),
      explorer: {
        gzipKiB: Math.round(explorerKib * 10) / 10,
        budgetKiB: EXPLORER_BUDGET_KIB,
        assets: assets.map((asset) => ({ file: asset.file, gzipKiB: kib(asset.gzipBytes) })),
      },
    },
    ["BUNDLE_BUDGET_KIB", "EXPLORER_BUDGET_KIB"],
  );
  console.log(`figures: ${file}`);
}
process.exit(failed ? 1 : 0);
