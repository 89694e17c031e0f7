import { parseArgs } from "node:util";
import { oneArgument, runMain, UsageError } from "../cli.ts";
import { withTarget } from "../dev/target.ts";
import { checkOrganizationId, createApiKey, keyIdOfKey } from "./api-keys.ts";

/**
 * `npm run apikey:create -- <orgId> [--label text]`: creates a key, stores
 * only its SHA-256, and prints the key once — alone on the last line of stdout
 * so scripts can capture it with `| tail -n 1`.
 */
const USAGE = `usage: npm run apikey:create -- <orgId> [--label <text>]

Creates an API key for the organization in the Postgres named by DATABASE_URL
(or, without DATABASE_URL, the embedded PGlite database in .data/pglite, which
only works while \`npm run dev\` is not running). Only the key's SHA-256 hash is
stored; the key itself is printed once, alone on the last line of stdout.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { label: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const organizationId = oneArgument(positionals, "organization id", checkOrganizationId, USAGE);
  const label = values.label?.trim() || null;
  if (label !== null && label.length > 200) throw new UsageError("--label: at most 200 characters");

  return withTarget(
    "npm run apikey:create",
    async (target) => {
      const key = await createApiKey(target.pool, organizationId, label);
      console.error(
        `created API key ${await keyIdOfKey(key)} for ${organizationId}${label ? ` (${label})` : ""} ` +
          "(its id, for apikey:list and apikey:revoke); the key is shown only once:",
      );
      console.log(key);
      return 0;
    },
    console.error,
  );
}

runMain(main);
