import { helpRequested, runMain } from "../cli.ts";
import { withTarget } from "../dev/target.ts";
import { describeReport, migrateWithReport } from "./migration-report.ts";

/** `npm run db:migrate`: applies the pending migrations in drizzle/ and says which. */
const USAGE = `usage: npm run db:migrate

Applies the pending migrations in drizzle/ to the Postgres named by
DATABASE_URL (e.g. DATABASE_URL=postgresql://user:pass@127.0.0.1:5432/db).
Without DATABASE_URL it migrates the embedded PGlite database in .data/pglite
(the one \`npm run dev\` uses; it must not be running at the same time).`;

async function main(): Promise<number> {
  if (helpRequested(USAGE)) return 0;
  return withTarget("npm run db:migrate", async (target) => {
    console.log(describeReport(await migrateWithReport(target.pool)));
    return 0;
  });
}

runMain(main);
