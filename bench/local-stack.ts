import { neon, neonConfig } from "@neondatabase/serverless";
import pg from "pg";
import { cpuSeconds, processesUnder } from "../scripts/dev/processes.ts";
import { startWsBridge } from "../scripts/neon-proxy/ws-bridge.ts";
import { generateApiKey, hashApiKey } from "../src/auth/api-key.ts";
import { LOCAL_RUNTIME, startDevService } from "./lib/dev-service.ts";
import { benchDatabaseUrl } from "./lib/pg.ts";
import { BENCH_ORG, type BenchQuery, searchParamsOf, selectQueries } from "./lib/query-set.ts";
import { loadNow, median, ratio, startEnvironment, times, writeResults } from "./lib/results.ts";
import { printTable } from "./lib/table.ts";
import { translate } from "./lib/translate.ts";

/**
 * `npm run bench:local-stack`: where a miss's time goes on the local stack,
 * one request at a time, layer by layer, for the same statements:
 *
 * 1. **raw**: the statement through `pg` (one round trip);
 * 2. **raw as the driver runs it**: `BEGIN READ ONLY`, `set_config(statement_timeout)`,
 *    the statement, `COMMIT` through `pg` (what HTTP mode asks the endpoint for);
 * 3. **endpoint**: `neon()` in Node (HTTP mode, as the Worker) against the local
 *    SQL-over-HTTP endpoint (scripts/neon-proxy/sql-over-http.ts) of a bridge started here;
 * 4. **service miss**: the Worker as deployed (npm run serve; LOCAL_RUNTIME=dev:
 *    under `wrangler dev`, npm run dev; bench/lib/dev-service.ts), each request a
 *    new filter; with the Worker's own Server-Timing: `db` (the statement and the
 *    count cache lookup), `cache`, `total` (the answer after authentication);
 * 5. **service hit**: the same request again.
 *
 * For 4 and 5 it also prints workerd's CPU time per request (utime + stime of
 * the workerd processes under the service, from /proc): the Worker and the
 * runtime's emulated KV, Cache API, rate limiters and assets together.
 *
 * Misses use the variants of bench/load-1m.ts (`(and <filter> (< last_update_time T+n))`),
 * so every layer runs the same statements. Medians of N requests each. The
 * floor is layer 1, the raw statement: a miss and a hit are also stated as
 * ratios to it, and a miss as its difference (what the stack adds).
 * `npm run bench:local-stack -- column-eq` runs one query; BASE_URL and API_KEY use
 * a running service instead of starting one. Writes bench/results/local-stack.json.
 */
const DATABASE_URL = benchDatabaseUrl();
const N = Number(process.env.N ?? 40);
const PORT = Number(process.env.PORT ?? 8798);
const DEFAULT_QUERIES = ["column-eq", "time-range", "info-eq", "closed-won-usd", "search-two"];

function variant(query: BenchQuery, n: number): BenchQuery {
  const bound = new Date(Date.UTC(2100, 0, 1) + n * 1000).toISOString().replace(".000Z", "Z");
  const before = `(< last_update_time "${bound}")`;
  if (query.q) return { ...query, q: `(and ${query.q} ${before})` };
  // A search alone: the same search with that condition, rather than its later pages.
  return query.search ? { ...query, q: before } : { ...query, pageNumber: n };
}

interface Layer {
  medianMs: number;
  samplesMs: number[];
}

const layer = (samples: number[]): Layer => ({
  medianMs: Math.round(median(samples) * 100) / 100,
  samplesMs: samples.map((ms) => Math.round(ms * 100) / 100),
});

async function timeEach(count: number, run: (n: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let n = 1; n <= count; n++) {
    const started = performance.now();
    await run(n);
    out.push(performance.now() - started);
  }
  return out;
}

/** `name;dur=1.2, other;dur=3` → {name: 1.2, other: 3}. */
function serverTiming(header: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (header ?? "").split(",")) {
    const match = /^\s*([\w-]+)\s*;\s*dur=([\d.]+)/.exec(part);
    if (match) out[match[1] as string] = Number(match[2]);
  }
  return out;
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const queries = selectQueries(names.length > 0 ? names : DEFAULT_QUERIES);
  const environment = startEnvironment();
  const url = new URL(DATABASE_URL);
  const bridge = await startWsBridge({ target: { host: url.hostname, port: Number(url.port || 5432) } });
  neonConfig.fetchEndpoint = bridge.httpEndpoint;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const service = process.env.BASE_URL
    ? { baseUrl: process.env.BASE_URL, stop: async () => {} }
    : await startDevService(DATABASE_URL, PORT, "local-stack");
  // workerd's CPU time per request (all its isolates: the Worker and the runtime's emulated KV, Cache
  // API, rate limiters and assets), when this script started the service and can find its workerd.
  const workerd = "pid" in service ? processesUnder(service.pid, "workerd") : [];
  const withWorkerdCpu = async (requests: number, run: () => Promise<number[]>) => {
    const cpu = () => workerd.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const before = cpu();
    const times = await run();
    return { times, cpuMs: workerd.length > 0 ? ((cpu() - before) * 1000) / requests : Number.NaN };
  };
  let apiKey = process.env.API_KEY ?? "";
  let keyHash: string | undefined;
  const rows: string[][] = [];
  const results: unknown[] = [];
  try {
    if (!apiKey) {
      apiKey = generateApiKey();
      keyHash = await hashApiKey(apiKey);
      await client.query(
        "INSERT INTO api_keys (key_hash, organization_id, label) VALUES ($1, $2, 'bench:local-stack')",
        [keyHash, BENCH_ORG],
      );
    }
    const headers = { authorization: `Bearer ${apiKey}` };
    const purge = await fetch(`${service.baseUrl}/org/${BENCH_ORG}/contact/cache/purge`, { method: "POST", headers });
    if (purge.status >= 300) throw new Error(`cache purge answered ${purge.status}: ${await purge.text()}`);
    // The local endpoint serves only callers presenting its bridge's token (as the Worker does, DB_BRIDGE_TOKEN).
    const sql = neon(DATABASE_URL, { readOnly: true, authToken: bridge.token });
    // Each layer gets its own range of variants: every measured statement is new to the service's cache.
    let offset = 0;
    for (const query of queries) {
      const loadStart = loadNow();
      const statement = (n: number) => translate(BENCH_ORG, variant(query, offset + n));
      // Warm every layer once (connections, the endpoint's pool, the Worker's isolate).
      await client.query(statement(0).sql, statement(0).params);
      const raw = await timeEach(N, async (n) => {
        const s = statement(n);
        await client.query(s.sql, s.params);
      });
      const rawTransaction = await timeEach(N, async (n) => {
        const s = statement(n);
        await client.query("BEGIN READ ONLY");
        await client.query("SELECT set_config('statement_timeout', $1, true)", ["5000"]);
        await client.query(s.sql, s.params);
        await client.query("COMMIT");
      });
      await sql.transaction([sql`SELECT 1`], { readOnly: true });
      const endpoint = await timeEach(N, async (n) => {
        const s = statement(n);
        await sql.transaction(
          [sql`SELECT set_config('statement_timeout', ${"5000"}, true)`, sql.query(s.sql, s.params as unknown[])],
          { readOnly: true },
        );
      });
      offset += N + 1;
      const timings: Record<string, number>[] = [];
      const get = async (q: BenchQuery, expect: string) => {
        const response = await fetch(`${service.baseUrl}/org/${BENCH_ORG}/contact/query?${searchParamsOf(q)}`, {
          headers,
        });
        await response.arrayBuffer();
        const status = response.headers.get("x-cache");
        if (response.status !== 200 || status !== expect) {
          throw new Error(`${query.name}: ${response.status} X-Cache ${status}, expected 200 ${expect}`);
        }
        return serverTiming(response.headers.get("server-timing"));
      };
      await get(variant(query, offset), "MISS");
      const { times: miss, cpuMs: missCpuMs } = await withWorkerdCpu(N, () =>
        timeEach(N, async (n) => {
          timings.push(await get(variant(query, offset + n), "MISS"));
        }),
      );
      const hitQuery = variant(query, offset + 1);
      const hitTimings: Record<string, number>[] = [];
      const { times: hit, cpuMs: hitCpuMs } = await withWorkerdCpu(N, () =>
        timeEach(N, async () => {
          hitTimings.push(await get(hitQuery, "HIT"));
        }),
      );
      offset += N + 1;
      const part = (name: string, from: Record<string, number>[]) => median(from.map((t) => t[name] ?? 0));
      const result = {
        name: query.name,
        raw: layer(raw),
        rawTransaction: layer(rawTransaction),
        endpoint: layer(endpoint),
        miss: layer(miss),
        missServerTiming: { db: part("db", timings), cache: part("cache", timings), total: part("total", timings) },
        hit: layer(hit),
        hitServerTiming: { cache: part("cache", hitTimings), total: part("total", hitTimings) },
        workerdCpuMsPerMiss: missCpuMs,
        workerdCpuMsPerHit: hitCpuMs,
        missMinusRawMs: Math.round((median(miss) - median(raw)) * 100) / 100,
        ratio: { missToRaw: ratio(median(miss), median(raw)), hitToRaw: ratio(median(hit), median(raw)) },
        loadAverage: { start: loadStart, end: loadNow() },
      };
      results.push(result);
      const f = (value: number) => value.toFixed(1);
      rows.push([
        query.name,
        f(result.raw.medianMs),
        f(result.rawTransaction.medianMs),
        f(result.endpoint.medianMs),
        f(result.missServerTiming.db),
        f(result.missServerTiming.cache),
        f(result.missServerTiming.total),
        f(result.miss.medianMs),
        f(result.miss.medianMs - result.raw.medianMs),
        times(result.ratio.missToRaw),
        f(result.hitServerTiming.total),
        f(result.hit.medianMs),
        f(missCpuMs),
        f(hitCpuMs),
        `${result.loadAverage.start}–${result.loadAverage.end}`,
      ]);
      console.log(`${query.name}: raw ${f(result.raw.medianMs)} ms, miss ${f(result.miss.medianMs)} ms`);
    }
  } finally {
    if (keyHash) await client.query("UPDATE api_keys SET revoked_at = now() WHERE key_hash = $1", [keyHash]);
    await client.end();
    await service.stop();
    await bridge.close();
  }
  printTable(
    [
      "query",
      "raw (pg)",
      "raw as BEGIN…COMMIT (pg)",
      "endpoint (neon() HTTP, Node)",
      "miss: Worker db",
      "miss: Worker cache",
      "miss: Worker total",
      "miss (client)",
      "miss − raw",
      "miss / raw",
      "hit: Worker total",
      "hit (client)",
      "workerd CPU / miss",
      "workerd CPU / hit",
      "load",
    ],
    rows,
  );
  console.log(`\nmedians of ${N} sequential requests each, in ms; Worker figures from its Server-Timing header`);
  const run = environment.finish();
  const file = writeResults(
    "local-stack",
    {
      ...run,
      localRuntime: LOCAL_RUNTIME,
      requests: N,
      organization: BENCH_ORG,
      floor: "raw: the statement through pg, one round trip",
      queries: results,
    },
    ["N", "LOCAL_RUNTIME"],
  );
  console.log(`figures: ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
