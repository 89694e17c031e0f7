import autocannon from "autocannon";
import pg from "pg";
import { generateApiKey, hashApiKey } from "../src/auth/api-key.ts";
import { LOCAL_RUNTIME, startDevService } from "./lib/dev-service.ts";
import { benchDatabaseUrl } from "./lib/pg.ts";
import { BENCH_ORG, type BenchQuery, searchParamsOf, selectQueries } from "./lib/query-set.ts";
import { percentile, ratio, startEnvironment, writeResults } from "./lib/results.ts";
import { printTable } from "./lib/table.ts";
import { translate } from "./lib/translate.ts";

/**
 * `npm run bench:load-1m`: end to end on the 1M-contact database (docs/performance.md
 * "Setup"). For each query of the fixed set (bench/lib/query-set.ts) it measures,
 * at the same concurrency:
 *
 * - **miss**: every request is a distinct canonical query (see `missVariant`), so
 *   the service looks the page up in the edge cache, misses, runs the statement
 *   and stores the answer;
 * - **raw**: the very statements of those misses (`parseContactQuery` →
 *   `contactQuerySql` → `PgDialect.sqlToQuery`) through a plain `pg` pool: the
 *   floor (no HTTP, no Worker, no SQL-over-HTTP hop);
 * - **hit**: the query as the set has it, repeated after one warm-up request.
 *
 * Every response's `X-Cache` header is checked: a miss must say MISS, a hit HIT.
 * Latency percentiles are exact, from every request's time (autocannon's own
 * histogram rounds to whole milliseconds, which hides hits).
 *
 * Without BASE_URL it starts the service itself (`npm run dev` on DATABASE_URL,
 * PORT 8799, output in a temporary log file), creates an API key for the org and
 * revokes it at the end. With BASE_URL (and API_KEY) it uses a running service.
 *
 * Every miss's `Server-Timing` (the Worker's own account: `db`, `cache`, `total`) is
 * kept, and its medians are printed beside the client's latency.
 *
 * The four queries whose misses above vary the page, not the filter (the
 * default listing, the deep page, the name sort, `info-eq-broad`'s page size)
 * run a second time as `<name>+count`: each miss a new filter that every row
 * matches, `(>= creation_time "1970-01-01T00:00:00Z" + n s)` ANDed on, so its
 * count is not in the count cache and is computed — the cost of a first
 * request. creation_time leads the default listing's index after the
 * organization, so the count stays an index-only range scan and the page a walk.
 *
 * Environment: DATABASE_URL (required), BASE_URL, API_KEY, PORT (8799), LOCAL_RUNTIME
 * (`serve`, the default, or `dev`: bench/lib/dev-service.ts),
 * CONNECTIONS (4), MISS_REQUESTS per query (200), HIT_REQUESTS per query (1000),
 * SECONDS: time bound of each run (15). `npm run bench:load-1m -- name ...` runs
 * only the named queries.
 */
const DATABASE_URL = benchDatabaseUrl();
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 4);
const MISS_REQUESTS = Number(process.env.MISS_REQUESTS ?? 200);
const HIT_REQUESTS = Number(process.env.HIT_REQUESTS ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 15);
const PORT = Number(process.env.PORT ?? 8799);

/**
 * The n-th distinct variant of a query, for misses (n ≥ 1). Two ways, chosen so
 * that the plan stays the plan of the query itself (checked ad hoc with the
 * statements themselves, median of 7 on the previous data set: every plan kept
 * its shape and its time within noise; the info-containment queries paid
 * 1–4 ms for the extra filter):
 *
 * - a query **with a filter** gets `(and <filter> (< last_update_time T+n s))`
 *   with T in the year 2100: true for every row (the column is NOT NULL), on a
 *   column no index covers, so the planner can only apply it as a cheap filter
 *   on rows it fetches anyway, and its estimate is ~1;
 * - a query **without a filter** gets page_number + n instead (− n for the deep
 *   page, which sits at the offset limit): its count is an index-only scan that
 *   a filter on any heap column would turn into 600k heap fetches, while the
 *   offset moves by at most n × page_size entries of an index.
 *
 * One exception, `info-eq-broad`: wrapping `(= info.partner …)` in an `and` made
 * the SQL repeat its `info @>` containment, the planner squared that selectivity,
 * expected a few hundred rows where 11% of the org match, and picked a plan 2–3×
 * slower; a page_number > 1 changes its page part's plan too. Its variants vary
 * page_size around 20 instead (same plan, same time within noise); at ~1 s a
 * request it runs too few requests for the page size to move far. src/sql no
 * longer repeats the containment; this stays until a rerun shows the `and`
 * variant keeps the plan.
 */
const VARY_PAGE_SIZE = new Set(["info-eq-broad"]);

/** The queries whose misses above keep their filter: each also runs as `<name>+count` (see the header). */
const COUNTING_TWIN = new Set(["default-listing", "deep-page", "sort-name-page", "info-eq-broad"]);
const COUNTING_SUFFIX = "+count";

function missVariant(query: BenchQuery, n: number): BenchQuery {
  if (query.name.endsWith(COUNTING_SUFFIX)) {
    const since = new Date(n * 1000).toISOString().replace(".000Z", "Z");
    const bound = `(>= creation_time "${since}")`;
    return { ...query, q: query.q ? `(and ${query.q} ${bound})` : bound };
  }
  if (VARY_PAGE_SIZE.has(query.name)) {
    // 21, 19, 22, 18, … around the query's own size, then upwards: the offset stays 0.
    const size = query.pageSize ?? 20;
    const step = n <= 2 * (size - 1) ? (n % 2 ? (n + 1) / 2 : -n / 2) : n - (size - 1);
    return { ...query, pageSize: size + step };
  }
  if (!query.q) {
    const page = query.pageNumber ?? 1;
    // A deep page is at the offset limit already: its variants go towards the start instead.
    return { ...query, pageNumber: page > 1 ? page - n : page + n };
  }
  const bound = new Date(Date.UTC(2100, 0, 1) + n * 1000).toISOString().replace(".000Z", "Z");
  return { ...query, q: `(and ${query.q} (< last_update_time "${bound}"))` };
}

interface Sample {
  latencies: number[];
  /** Each response's Server-Timing durations by name (`db`, `cache`, `total`). */
  timings: Record<string, number>[];
  seconds: number;
  errors: number;
  /** X-Cache values seen, e.g. {MISS: 200}. */
  cache: Record<string, number>;
}

async function http(
  baseUrl: string,
  apiKey: string,
  amount: number,
  queryFor: (n: number) => BenchQuery,
): Promise<Sample> {
  const path = `/org/${encodeURIComponent(BENCH_ORG)}/contact/query`;
  const sample: Sample = { latencies: [], timings: [], seconds: 0, errors: 0, cache: {} };
  let n = 0;
  // From the first request sent to the last response: autocannon's own start-up and wind-down are not load.
  let started = 0;
  let ended = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: CONNECTIONS,
        // Not `amount`, which makes autocannon ignore `duration`: this stops at `amount` requests or SECONDS.
        maxOverallRequests: amount,
        duration: SECONDS,
        timeout: 30,
        headers: { authorization: `Bearer ${apiKey}` },
        requests: [
          {
            method: "GET",
            setupRequest: (request) => {
              if (n === 0) started = performance.now();
              return { ...request, path: `${path}?${searchParamsOf(queryFor(++n))}` };
            },
            onResponse: (status, _body, _context, headers) => {
              if (status !== 200) sample.errors += 1;
              const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === "x-cache");
              const value = String(entry?.[1] ?? "none");
              sample.cache[value] = (sample.cache[value] ?? 0) + 1;
              const timing = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === "server-timing");
              sample.timings.push(serverTiming(String(timing?.[1] ?? "")));
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      sample.latencies.push(responseTime);
      ended = performance.now();
    });
  });
  sample.seconds = (ended - started) / 1000;
  sample.errors += result.errors + result.timeouts;
  return sample;
}

/** The same statements through `pg`: CONNECTIONS workers, each issuing one after another. */
const noSample = (): Sample => ({ latencies: [], timings: [], seconds: 0, errors: 0, cache: {} });

/** `db;dur=1.2, cache;dur=0.3` → {db: 1.2, cache: 0.3}. */
function serverTiming(header: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of header.split(",")) {
    const match = /^\s*([\w-]+)\s*;\s*dur=([\d.]+)/.exec(part);
    if (match) out[match[1] as string] = Number(match[2]);
  }
  return out;
}

function medianTiming(sample: Sample, name: string): number {
  const values = sample.timings.map((timing) => timing[name]).filter((value): value is number => value !== undefined);
  if (values.length === 0) return Number.NaN;
  const sorted = values.sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

async function raw(pool: pg.Pool, amount: number, queryFor: (n: number) => BenchQuery): Promise<Sample> {
  const sample: Sample = { latencies: [], timings: [], seconds: 0, errors: 0, cache: {} };
  const statements = Array.from({ length: amount }, (_, i) => translate(BENCH_ORG, queryFor(i + 1)));
  const deadline = performance.now() + SECONDS * 1000;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (next < statements.length && performance.now() < deadline) {
        const statement = statements[next++] as (typeof statements)[number];
        const t = performance.now();
        try {
          await client.query(statement.sql, statement.params);
          sample.latencies.push(performance.now() - t);
        } catch {
          sample.errors += 1;
        }
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  sample.seconds = (performance.now() - started) / 1000;
  return sample;
}

function summarize(sample: Sample) {
  const latencies = sample.latencies;
  return {
    n: latencies.length,
    rps: latencies.length / sample.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "-");

async function main(): Promise<void> {
  const environment = startEnvironment();
  const queries = selectQueries(process.argv.slice(2)).flatMap((query) =>
    COUNTING_TWIN.has(query.name) ? [query, { ...query, name: `${query.name}${COUNTING_SUFFIX}` }] : [query],
  );
  const figures: unknown[] = [];
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: CONNECTIONS });
  const service = process.env.BASE_URL
    ? { baseUrl: process.env.BASE_URL, stop: async () => {} }
    : await startDevService(DATABASE_URL, PORT, "load-1m");
  let apiKey = process.env.API_KEY ?? "";
  let keyHash: string | undefined;
  const rows: string[][] = [];
  const totals = { missRaw: [] as number[], hitMiss: [] as number[] };
  try {
    if (!apiKey) {
      apiKey = generateApiKey();
      keyHash = await hashApiKey(apiKey);
      await pool.query("INSERT INTO api_keys (key_hash, organization_id, label) VALUES ($1, $2, 'bench:load-1m')", [
        keyHash,
        BENCH_ORG,
      ]);
    }
    const authorization = { authorization: `Bearer ${apiKey}` };
    const purge = await fetch(`${service.baseUrl}/org/${BENCH_ORG}/contact/cache/purge`, {
      method: "POST",
      headers: authorization,
    });
    if (purge.status >= 300) throw new Error(`cache purge answered ${purge.status}: ${await purge.text()}`);
    console.log(
      `load-1m: ${service.baseUrl}, org ${BENCH_ORG}, ${CONNECTIONS} connections; per query: ` +
        `misses and raw ≤ ${MISS_REQUESTS} requests, hits ≤ ${HIT_REQUESTS}, each run ≤ ${SECONDS} s`,
    );
    for (const query of queries) {
      const miss = await http(service.baseUrl, apiKey, MISS_REQUESTS, (n) => missVariant(query, n));
      // The floor runs exactly the statements the misses ran, as many as the service managed.
      const floor = await raw(pool, miss.latencies.length, (n) => missVariant(query, n));
      // A counting twin's hits would be its base query's, whose cached page may have gone stale by now.
      const twin = query.name.endsWith(COUNTING_SUFFIX);
      if (!twin) {
        const warm = await fetch(`${service.baseUrl}/org/${BENCH_ORG}/contact/query?${searchParamsOf(query)}`, {
          headers: authorization,
        });
        await warm.arrayBuffer();
      }
      const hit = twin ? noSample() : await http(service.baseUrl, apiKey, HIT_REQUESTS, () => query);
      figures.push({
        name: query.name,
        miss: {
          ...summarize(miss),
          workerDbP50: medianTiming(miss, "db"),
          workerTotalP50: medianTiming(miss, "total"),
        },
        raw: summarize(floor),
        hit: { ...summarize(hit), workerTotalP50: medianTiming(hit, "total") },
        errors: miss.errors + floor.errors + hit.errors,
        xCache: { miss: miss.cache, hit: hit.cache },
        // The floor is raw: the same statements through pg at the same concurrency.
        ratio: {
          missToRawP50: ratio(summarize(miss).p50, summarize(floor).p50),
          hitToMissRps: twin ? Number.NaN : ratio(summarize(hit).rps, summarize(miss).rps),
        },
      });
      const [m, r, h] = [summarize(miss), summarize(floor), summarize(hit)];
      if (!twin) {
        // The geometric means are over the fixed set itself, as before the counting twins.
        totals.missRaw.push(m.p50 / r.p50);
        totals.hitMiss.push(h.rps / m.rps);
      }
      const errors = miss.errors + floor.errors + hit.errors;
      const wrongCache = m.n - (miss.cache.MISS ?? 0) + (h.n - (hit.cache.HIT ?? 0));
      rows.push([
        query.name,
        `${m.n}`,
        fmt(m.rps),
        fmt(m.p50),
        fmt(m.p99),
        fmt(medianTiming(miss, "total")),
        fmt(medianTiming(miss, "db")),
        fmt(r.rps),
        fmt(r.p50),
        fmt(r.p99),
        `${h.n}`,
        fmt(h.rps, 0),
        fmt(h.p50),
        fmt(h.p99),
        fmt(m.p50 / r.p50, 2),
        fmt(r.rps / m.rps, 2),
        fmt(h.rps / m.rps, 0),
        `${errors}/${wrongCache}`,
      ]);
      console.log(
        `${query.name}: miss ${fmt(m.rps)} req/s p50 ${fmt(m.p50)} ms | raw ${fmt(r.rps)} req/s p50 ${fmt(r.p50)} ms | ` +
          `hit ${fmt(h.rps, 0)} req/s p50 ${fmt(h.p50)} ms | X-Cache miss ${JSON.stringify(miss.cache)} hit ${JSON.stringify(hit.cache)}`,
      );
    }
  } finally {
    if (keyHash) await pool.query("UPDATE api_keys SET revoked_at = now() WHERE key_hash = $1", [keyHash]);
    await pool.end();
    await service.stop();
  }
  printTable(
    [
      "query",
      "miss n",
      "miss req/s",
      "miss p50",
      "miss p99",
      "Worker total p50",
      "Worker db p50",
      "raw req/s",
      "raw p50",
      "raw p99",
      "hit n",
      "hit req/s",
      "hit p50",
      "hit p99",
      "miss/raw p50",
      "raw/miss req/s",
      "hit/miss req/s",
      "errors/wrong X-Cache",
    ],
    rows,
  );
  const geomean = (values: number[]) => Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
  console.log(
    `\ngeometric means over ${totals.missRaw.length} queries: service miss p50 / raw p50 = ${fmt(geomean(totals.missRaw), 2)}; ` +
      `hit req/s / miss req/s = ${fmt(geomean(totals.hitMiss), 0)}`,
  );
  console.log(
    "latencies in ms; raw = the same SQL through a plain pg pool at the same concurrency; " +
      "Worker total / db = medians of the misses' Server-Timing (the answer after authentication / its database part)",
  );
  const run = environment.finish();
  console.log(`load average ${run.loadAverage.start} at the start, ${run.loadAverage.end} at the end`);
  const file = writeResults(
    "load-1m",
    {
      ...run,
      localRuntime: LOCAL_RUNTIME,
      connections: CONNECTIONS,
      floor: "raw: the misses' statements through a pg pool at the same concurrency",
      geometricMeans: {
        queries: totals.missRaw.length,
        missToRawP50: ratio(geomean(totals.missRaw), 1),
        hitToMissRps: ratio(geomean(totals.hitMiss), 1),
      },
      queries: figures,
    },
    ["CONNECTIONS", "MISS_REQUESTS", "HIT_REQUESTS", "SECONDS", "LOCAL_RUNTIME"],
  );
  console.log(`figures: ${file}`);
  if (rows.some((row) => row.at(-1) !== "0/0")) {
    console.error("some requests failed or were not the expected cache outcome (last column)");
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
