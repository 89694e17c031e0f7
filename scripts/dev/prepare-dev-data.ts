import {
  busiestOrganization,
  countContacts,
  type DemoKeys,
  ensureDemoKeys,
  seedDemoContacts,
} from "../db/demo-seed.ts";
import { type MigrationReport, migrateWithReport } from "../db/migration-report.ts";
import { DEMO_KEYS_FILE } from "./paths.ts";
import type { Target } from "./target.ts";

/**
 * What `npm run dev` does to the database before the Worker starts. The
 * embedded database is ours, so it gets demo data and demo keys on first run;
 * a server named by DATABASE_URL may hold real data, so it is only migrated
 * unless seeding is asked for explicitly.
 */
export interface DevData {
  migration: MigrationReport;
  seeded: Record<string, number> | undefined;
  /** Demo keys (embedded database only). */
  keys: DemoKeys | undefined;
  createdKeys: string[];
  /** An organization to show in the example request. */
  exampleOrganization: string | undefined;
}

export async function prepareDevData(target: Target, seed: boolean): Promise<DevData> {
  const { pool } = target;
  const migration = await migrateWithReport(pool);
  let seeded: Record<string, number> | undefined;
  if (target.database.embedded ? seed || (await countContacts(pool)) === 0 : seed) {
    seeded = await seedDemoContacts(pool);
  }
  if (!target.database.embedded) {
    return {
      migration,
      seeded,
      keys: undefined,
      createdKeys: [],
      exampleOrganization: await busiestOrganization(pool),
    };
  }
  const { keys, created } = await ensureDemoKeys(pool, DEMO_KEYS_FILE);
  return { migration, seeded, keys, createdKeys: created, exampleOrganization: "org_demo_acme" };
}
