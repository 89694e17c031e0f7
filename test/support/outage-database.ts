import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "../../scripts/db/apply-migrations.ts";
import { openPool } from "../../scripts/neon-proxy/neon-node.ts";
import { generateApiKey, hashApiKey } from "../../src/auth/api-key.ts";

/**
 * A database and a role of their own for the tests that make a Postgres
 * server refuse connections (test/http/refusals.test.ts): `ALTER DATABASE …
 * ALLOW_CONNECTIONS false`, `ALTER ROLE … NOLOGIN`, connection limits,
 * terminated backends. The test database is shared by both test projects,
 * which run at the same time, so those faults must never touch it: they are
 * made on this database and role only, which no other test uses.
 *
 * It holds OUTAGE_CONTACTS contacts of one organization: enough that the
 * slowest filter shapes run far past the tests' statement timeout.
 */
export interface OutageTarget {
  /** The outage database, as the test database's own (superuser) role. */
  databaseUrl: string;
  /** The outage database, as the outage role (what NOLOGIN and CONNECTION LIMIT are tried on). */
  roleUrl: string;
  database: string;
  role: string;
  organizationId: string;
  /** A valid key of `organizationId`, stored in the outage database only. */
  apiKey: string;
}

export const OUTAGE_CONTACTS = 50_000;

export async function prepareOutageTarget(serverUrl: string): Promise<{ target: OutageTarget; drop(): Promise<void> }> {
  const url = new URL(serverUrl);
  const base = url.pathname.slice(1);
  const database = `${base}_outage`.slice(0, 63);
  const role = `${base}_outage_role`.slice(0, 63);
  const password = randomBytes(16).toString("hex");
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${ident(role)}`);
  };
  try {
    await drop(); // what an interrupted run left
    const { rows } = await admin.query<{ datcollate: string; datctype: string }>(
      "SELECT datcollate, datctype FROM pg_database WHERE datname = current_database()",
    );
    const locale = rows[0];
    await admin.query(
      `CREATE DATABASE ${ident(database)} TEMPLATE template0 ENCODING 'UTF8'` +
        (locale ? ` LC_COLLATE ${literal(locale.datcollate)} LC_CTYPE ${literal(locale.datctype)}` : ""),
    );
    await admin.query(`CREATE ROLE ${ident(role)} LOGIN PASSWORD ${literal(password)}`);
    await admin.query(`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(role)}`);
  } finally {
    await admin.end();
  }

  const databaseUrl = withDatabase(serverUrl, database);
  const roleUrl = new URL(databaseUrl);
  roleUrl.username = role;
  roleUrl.password = password;

  const organizationId = "org_outage";
  const apiKey = generateApiKey();
  const pool = openPool(databaseUrl);
  try {
    await applyMigrations(pool);
    await pool.query(SEED, [organizationId, OUTAGE_CONTACTS]);
    await pool.query("ANALYZE contacts");
    await pool.query("INSERT INTO api_keys (key_hash, organization_id, label) VALUES ($1, $2, 'outage')", [
      await hashApiKey(apiKey),
      organizationId,
    ]);
    await pool.query(`GRANT USAGE ON SCHEMA public TO ${ident(role)}`);
    await pool.query(`GRANT SELECT ON contacts, api_keys TO ${ident(role)}`);
  } finally {
    await pool.end();
  }

  const cleanup = new pg.Client({ connectionString: serverUrl });
  return {
    target: { databaseUrl, roleUrl: roleUrl.toString(), database, role, organizationId, apiKey },
    async drop() {
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
        await cleanup.query(`DROP ROLE IF EXISTS ${ident(role)}`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** Contacts with the nested documents the slow filter shapes walk (accounts, opportunities, date-times). */
const SEED = `
INSERT INTO contacts (id, organization_id, name, email_address, creation_time, last_update_time, info, tags)
SELECT 'outage_' || i, $1::text, 'Name ' || i, 'n' || i || '@example.com',
  timestamptz '2024-06-01' - make_interval(mins => i), timestamptz '2024-06-01',
  jsonb_build_object(
    'partner', (ARRAY['AWS', 'GCP', 'AZURE'])[1 + i % 3],
    'companyName', 'Company ' || (i % 500),
    'enrichedContactInfo', jsonb_build_object(
      'lastUpdateTime', to_char(timestamp '2024-01-01' + make_interval(hours => i), 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'),
      'jobTitle', 'Title ' || (i % 50)),
    'cosellPartnerMetrics', jsonb_build_object('accounts', jsonb_build_array(
      jsonb_build_object('createdDate', '2023-05-0' || (1 + i % 9), 'industry', 'Software', 'opportunities', jsonb_build_array(
        jsonb_build_object('ownerName', 'Owner ' || (i % 70), 'createdDate', '2024-03-05T10:20:30.000+0000'),
        jsonb_build_object('ownerName', 'Owner ' || (i % 71), 'createdDate', '2024-04-05T10:20:30.000+0000'))),
      jsonb_build_object('createdDate', '2022-05-0' || (1 + i % 9), 'industry', 'Retail')))),
  ARRAY['t' || (i % 10)]
FROM generate_series(1, $2::int) AS i`;

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Names and literals of our own making (never input), quoted for DDL, which takes no parameters. */
function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
