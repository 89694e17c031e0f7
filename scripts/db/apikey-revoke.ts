import { argumentOrHelp, runMain, UsageError } from "../cli.ts";
import { withTarget } from "../dev/target.ts";
import { checkKeyId, revokeApiKey } from "./api-keys.ts";

/**
 * `npm run apikey:revoke -- <key id>`: revokes one API key by its id (the
 * start of its SHA-256, as `apikey:create` and `apikey:list` print it). The
 * Worker stops accepting it within AUTH_CACHE_SECONDS (README, "Authentication").
 */
const USAGE = `usage: npm run apikey:revoke -- <key id>

Revokes the API key whose id is <key id> — the 12 hex digits \`npm run
apikey:list -- <orgId>\` shows (8 to 64 digits of the key's SHA-256 work if
they match exactly one key) — in the Postgres named by DATABASE_URL (or,
without DATABASE_URL, the embedded PGlite database in .data/pglite, which only
works while \`npm run dev\` is not running). The key stops working everywhere
within AUTH_CACHE_SECONDS (10 s by default). Revoking a revoked key changes
nothing. The row stays, with its revocation time.`;

async function main(): Promise<number> {
  const id = argumentOrHelp("key id", checkKeyId, USAGE);
  if (id === undefined) return 0;

  return withTarget(
    "npm run apikey:revoke",
    async (target) => {
      const result = await revokeApiKey(target.pool, id);
      switch (result.outcome) {
        case "not found":
          throw new UsageError(`no API key has the id ${id} (npm run apikey:list -- <orgId> shows the ids)`);
        case "ambiguous":
          throw new UsageError(`${id} is the start of more than one key's id; give more digits`);
        case "already revoked":
          console.log(
            `API key ${result.key.id} of ${result.key.organizationId} was already revoked at ${result.key.revokedAt}`,
          );
          return 0;
        case "revoked":
          console.log(
            `revoked API key ${result.key.id} of ${result.key.organizationId}${result.key.label ? ` (${result.key.label})` : ""} ` +
              `at ${result.key.revokedAt}; it stops working within AUTH_CACHE_SECONDS (10 s by default)`,
          );
          return 0;
      }
    },
    console.error,
  );
}

runMain(main);
