import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "./openapi-document.ts";
import { GENERATED_TYPES_FILE, openApiTypes } from "./openapi-types.ts";

/**
 * `npm run openapi:dump` — writes /openapi.json to dist/openapi.json (or the
 * file given), for the linters (`npm run openapi:lint`).
 * `npm run openapi:types` — regenerates test/generated/openapi.d.ts from it
 * (`-- --check` only says whether the committed file is current).
 */
const [command, argument] = process.argv.slice(2);
const document = await openApiDocument();

if (command === "dump") {
  const file = resolve(argument ?? "dist/openapi.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote ${file}`);
} else if (command === "types") {
  const file = fileURLToPath(GENERATED_TYPES_FILE);
  const types = await openApiTypes(document);
  if (argument === "--check") {
    const current = readFileSync(file, "utf8");
    if (current !== types) {
      console.error(`${file} is stale: run npm run openapi:types`);
      process.exitCode = 1;
    } else {
      console.log(`${file} is current`);
    }
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, types);
    console.log(`wrote ${file}`);
  }
} else {
  console.error("usage: tsx scripts/generate/openapi.ts dump [file] | types [--check]");
  process.exitCode = 2;
}
