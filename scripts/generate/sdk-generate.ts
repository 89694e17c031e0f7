import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../dev/paths.ts";
import { sdkGeneratedSources } from "./sdk-generated.ts";

/**
 * `npm run sdk:generate`: writes the SDK's generated sources (sdk/src/generated/)
 * from the service's declarations. `--check` (`npm run sdk:check`, run by CI)
 * only verifies that they are current.
 */
const check = process.argv.includes("--check");
let stale = 0;
for (const [path, source] of Object.entries(sdkGeneratedSources())) {
  const file = join(REPO_ROOT, path);
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    // missing: written below, or stale under --check
  }
  if (current === source) {
    console.log(`${path} is up to date`);
  } else if (check) {
    console.error(`${path} is out of date: run \`npm run sdk:generate\``);
    stale += 1;
  } else {
    writeFileSync(file, source);
    console.log(`wrote ${path}`);
  }
}
process.exit(stale === 0 ? 0 : 1);
