import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Pool } from "@neondatabase/serverless";
import { applyMigrations } from "./apply-migrations.ts";

/**
 * Applies pending migrations and says which ones ran, by comparing drizzle's
 * bookkeeping table before and after (it records one row per applied
 * migration, in journal order).
 */
const journalFile = fileURLToPath(new URL("../../drizzle/meta/_journal.json", import.meta.url));

export interface MigrationReport {
  applied: string[];
  total: number;
}

export async function migrateWithReport(pool: Pool): Promise<MigrationReport> {
  const tags = (JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] }).entries.map(
    (entry) => entry.tag,
  );
  const before = await appliedCount(pool);
  await applyMigrations(pool);
  const after = await appliedCount(pool);
  return { applied: tags.slice(before, after), total: after };
}

async function appliedCount(pool: Pool): Promise<number> {
  const exists = await pool.query("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present");
  if (!exists.rows[0]?.present) return 0;
  const result = await pool.query("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
  return Number(result.rows[0]?.n ?? 0);
}

export function describeReport(report: MigrationReport): string {
  return report.applied.length > 0
    ? `applied ${report.applied.length} migration(s): ${report.applied.join(", ")} (${report.total} in total)`
    : `schema up to date (${report.total} migration(s) applied earlier)`;
}
