import { argumentOrHelp, runMain } from "../cli.ts";
import { withTarget } from "../dev/target.ts";
import { type ApiKeyInfo, checkOrganizationId, listApiKeys } from "./api-keys.ts";

/**
 * `npm run apikey:list -- <orgId>`: the organization's API keys — id, state,
 * dates, label — never a key (only hashes are stored) and never a whole hash.
 */
const USAGE = `usage: npm run apikey:list -- <orgId>

Lists the organization's API keys in the Postgres named by DATABASE_URL (or,
without DATABASE_URL, the embedded PGlite database in .data/pglite, which only
works while \`npm run dev\` is not running): one line per key with its id (the
first 12 hex digits of its SHA-256, what \`npm run apikey:revoke\` takes), whether
it is active or revoked, when it was created and revoked, and its label.`;

async function main(): Promise<number> {
  const organizationId = argumentOrHelp("organization id", checkOrganizationId, USAGE);
  if (organizationId === undefined) return 0;

  return withTarget(
    "npm run apikey:list",
    async (target) => {
      const keys = await listApiKeys(target.pool, organizationId);
      console.log(formatKeys(keys));
      console.error(
        `${keys.length} key(s) of ${organizationId}, ${keys.filter((key) => key.revokedAt === null).length} active`,
      );
      return 0;
    },
    console.error,
  );
}

export function formatKeys(keys: readonly ApiKeyInfo[]): string {
  const rows = [
    ["id", "state", "created", "revoked", "label"],
    ...keys.map((key) => [
      key.id,
      key.revokedAt === null ? "active" : "revoked",
      key.createdAt,
      key.revokedAt ?? "-",
      key.label ?? "",
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

runMain(main);
