import { helpRequested, runMain } from "../cli.ts";
import { DEMO_ORGANIZATIONS } from "../data/demo-data.ts";
import { DEMO_KEYS_FILE } from "../dev/paths.ts";
import { withTarget } from "../dev/target.ts";
import { countContacts, ensureDemoKeys, seedDemoContacts } from "./demo-seed.ts";
import { describeReport, migrateWithReport } from "./migration-report.ts";

/** `npm run db:seed`: (re)loads the demo organizations' contacts. */
const USAGE = `usage: npm run db:seed

Loads deterministic demo contacts for ${DEMO_ORGANIZATIONS.map((o) => `${o.id} (${o.contactCount})`).join(", ")}
into the Postgres named by DATABASE_URL, after applying pending migrations.
Idempotent: the demo organizations' contacts are deleted and inserted again;
other organizations are not touched.

Without DATABASE_URL it seeds the embedded PGlite database in .data/pglite
(the one \`npm run dev\` uses; stop dev first, PGlite is single-process) and
makes sure .data/demo-keys.json holds a working key per demo organization.
For a server database, create keys with \`npm run apikey:create -- <orgId>\`.`;

async function main(): Promise<number> {
  if (helpRequested(USAGE)) return 0;
  return withTarget("npm run db:seed", async (target) => {
    console.log(`migrations: ${describeReport(await migrateWithReport(target.pool))}`);
    const counts = await seedDemoContacts(target.pool);
    for (const [organization, count] of Object.entries(counts))
      console.log(`seeded ${count} contacts for ${organization}`);
    console.log(`contacts in the database (all organizations): ${await countContacts(target.pool)}`);
    if (target.database.embedded) {
      const { created } = await ensureDemoKeys(target.pool, DEMO_KEYS_FILE);
      console.log(
        created.length > 0
          ? `created demo API keys for ${created.join(", ")} in .data/demo-keys.json`
          : "demo API keys in .data/demo-keys.json are still valid",
      );
    }
    return 0;
  });
}

runMain(main);
