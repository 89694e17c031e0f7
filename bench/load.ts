import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { DEMO_KEYS_FILE } from "../scripts/dev/paths.ts";

/**
 * `npm run bench:load`: load against a running service (start it with
 * `npm run dev` in another terminal). Bounded in requests and in time; prints
 * throughput, p50/p99 latency and errors for cache hits, cache misses and a
 * mixed set of queries. Zero errors are expected.
 *
 * Environment: BASE_URL (default http://127.0.0.1:8787), ORG and API_KEY
 * (default: the first demo organization and its key from .data/demo-keys.json),
 * REQUESTS per scenario (default 2000), CONNECTIONS (default 10).
 */
const baseUrl = process.env.BASE_URL ?? "http://127.0.0.1:8787";
const [demoOrg, demoKey] =
  Object.entries(JSON.parse(readFileSync(DEMO_KEYS_FILE, "utf8")) as Record<string, string>)[0] ?? [];
const organizationId = process.env.ORG ?? demoOrg ?? "";
const apiKey = process.env.API_KEY ?? demoKey ?? "";
const requests = Number(process.env.REQUESTS ?? 2000);
const connections = Number(process.env.CONNECTIONS ?? 10);
const path = `/org/${encodeURIComponent(organizationId)}/contact/query`;

const MIXED = [
  '(= info.partner "AWS")',
  '(has tags "vip")',
  '(and (= info.enrichedContactInfo.status "active") (>= info.cosellPartnerMetrics.accountCount 2))',
  '(any info.cosellPartnerMetrics.accounts (= industry "Software"))',
  '(icontains name "an")',
  '(between creation_time "2024-01-01" "2024-12-31")',
  '(or (has tags "partner") (exists info.cosellPartnerMetrics.pipeline.USD))',
];

interface Scenario {
  name: string;
  /** The path and query of the n-th request. */
  url: (n: number) => string;
}

const query = (params: Record<string, string>) => `${path}?${new URLSearchParams(params)}`;
// Every miss is a distinct canonical query: a filter threshold no other request uses.
const runId = Date.now() % 1_000_000;

const scenarios: Scenario[] = [
  { name: "cache hits (one repeated query)", url: () => query({ q: MIXED[0] ?? "", page_size: "20" }) },
  {
    name: "cache misses (every query new)",
    url: (n) =>
      query({ q: `(> info.cosellPartnerMetrics.accountCount ${-(runId * requests + n) - 1})`, page_size: "20" }),
  },
  {
    name: "mixed filters (mostly hits after warm-up)",
    url: (n) => query({ q: MIXED[n % MIXED.length] ?? "", s: n % 2 ? "-creation_time" : "name" }),
  },
];

async function run(scenario: Scenario) {
  let n = 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    amount: requests,
    duration: 60, // a ceiling: the run stops at `amount` requests or 60 s, whichever is first
    headers: { authorization: `Bearer ${apiKey}` },
    requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: scenario.url(n++) }) }],
  });
  return {
    scenario: scenario.name,
    "req/s": Math.round(result.requests.average),
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function main() {
  const probe = await fetch(`${baseUrl}${query({ page_size: "1" })}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  if (probe.status !== 200)
    throw new Error(`the service at ${baseUrl} answered ${probe.status}; is \`npm run dev\` running?`);
  console.log(`load: ${requests} requests per scenario, ${connections} connections, ${baseUrl}, org ${organizationId}`);
  const rows = [];
  for (const scenario of scenarios) {
    process.stdout.write(`  running: ${scenario.name} ...\n`);
    rows.push(await run(scenario));
  }
  console.table(rows);
  const errors = rows.reduce((sum, row) => sum + row.errors, 0);
  if (errors > 0) {
    console.error(`${errors} requests failed`);
    process.exitCode = 1;
  }
}

await main();
