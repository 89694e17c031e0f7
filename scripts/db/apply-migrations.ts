import { fileURLToPath } from "node:url";
import type { Pool } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import { migrate } from "drizzle-orm/neon-serverless/migrator";

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

/** Applies pending migrations from `drizzle/`; already-applied ones are skipped. */
export async function applyMigrations(pool: Pool): Promise<void> {
  await migrate(drizzle(pool), { migrationsFolder });
}
