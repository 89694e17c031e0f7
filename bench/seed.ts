import type pg from "pg";
import { BIG_ORG, benchContacts, TOTAL_CONTACTS } from "./lib/bench-data.ts";
import { connect } from "./lib/pg.ts";

/**
 * `npm run bench:seed`: replaces the contacts of the Postgres named by
 * DATABASE_URL with 1,000,000 deterministic contacts (one org of 600k, ~4,000
 * small ones), then rebuilds the indexes and runs VACUUM ANALYZE.
 *
 * Secondary indexes are dropped during the load and recreated from their own
 * definitions (pg_indexes) afterwards, two at a time: building a GIN index once
 * is far cheaper than maintaining it row by row. Rows go in as one JSON parameter per batch
 * (json_populate_recordset), so nothing is spliced into SQL.
 */
const BATCH = 2_000;

async function main(): Promise<void> {
  const client = await connect();
  const started = performance.now();
  try {
    await client.query("SET synchronous_commit = off");
    await client.query("SET maintenance_work_mem = '512MB'");
    const indexes = await dropSecondaryIndexes(client);
    await client.query("TRUNCATE contacts");
    await load(client);
    await rebuildIndexes(client, indexes);
    const t = performance.now();
    // VACUUM sets the visibility map, so counts can be index-only scans as in a settled production table.
    await client.query("VACUUM ANALYZE contacts");
    console.log(`vacuum analyze: ${seconds(t)} s`);
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM contacts WHERE organization_id = $1",
      [BIG_ORG],
    );
    console.log(`done in ${seconds(started)} s: ${TOTAL_CONTACTS} contacts, ${rows[0]?.n} in ${BIG_ORG}`);
  } finally {
    await client.end();
  }
}

async function dropSecondaryIndexes(client: pg.Client): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = 'contacts'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
     ORDER BY i.indexname`,
  );
  for (const row of rows) {
    // The name comes from the catalog, not from a user: quoting it is enough.
    await client.query(`DROP INDEX IF EXISTS "${row.indexname.replaceAll('"', '""')}"`);
  }
  console.log(`dropped ${rows.length} secondary index(es) for the load`);
  return rows.map((row) => ({ name: row.indexname, definition: row.indexdef }));
}

/**
 * Builds the indexes on two connections: the GIN index on `info` takes most of
 * the time (~100 s here), and the others build beside it on the second core.
 */
async function rebuildIndexes(client: pg.Client, indexes: { name: string; definition: string }[]): Promise<void> {
  const t = performance.now();
  const queue = [...indexes].sort((a, b) => Number(isInfoGin(b)) - Number(isInfoGin(a)));
  const second = await connect();
  try {
    await second.query("SET maintenance_work_mem = '512MB'");
    const work = async (connection: pg.Client) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const started = performance.now();
        await connection.query(next.definition);
        console.log(`index ${next.name}: ${seconds(started)} s`);
      }
    };
    await Promise.all([work(client), work(second)]);
  } finally {
    await second.end();
  }
  console.log(`indexes: ${seconds(t)} s`);
}

const isInfoGin = (index: { definition: string }) => /USING gin \(info\b/.test(index.definition);

async function load(client: pg.Client): Promise<void> {
  const t = performance.now();
  let batch: unknown[] = [];
  let loaded = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const flush = async (rows: unknown[]) => {
    // Generate the next batch while this one is being inserted.
    await pending;
    pending = client.query("INSERT INTO contacts SELECT * FROM json_populate_recordset(NULL::contacts, $1::json)", [
      JSON.stringify(rows),
    ]);
    loaded += rows.length;
    if (loaded % 50_000 < BATCH) {
      const rate = Math.round(loaded / ((performance.now() - t) / 1000));
      console.log(`loaded ${loaded.toLocaleString("en")} / ${TOTAL_CONTACTS.toLocaleString("en")} (${rate}/s)`);
    }
  };
  for (const row of benchContacts()) {
    batch.push(row);
    if (batch.length === BATCH) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await flush(batch);
  await pending;
  console.log(`load: ${seconds(t)} s`);
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
