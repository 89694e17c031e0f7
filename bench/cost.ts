import { readResults } from "./lib/results.ts";
import { printTable } from "./lib/table.ts";

/**
 * `npm run bench:cost`: what a request costs, from the latest benchmark
 * outputs (bench/results/*.json) and the providers' published prices below.
 * docs/cost.md explains the model and shows this script's output.
 *
 * Per request (hit or miss): a Workers request, one Workers KV read (the
 * organization's cache generation, read on every request), the Worker's CPU
 * time (bench:cpu, `requests`). Per miss, in addition: the database time of
 * the statement (bench:plans, per query and count mode) billed as Neon compute
 * time at a utilization you choose, and the bytes Neon sends (the page's JSON,
 * bench:plans `dataBytes`) as Neon public network transfer.
 *
 * Monthly allowances (10M Workers requests, 30M CPU-ms, 10M KV reads, 100 GB
 * of Neon transfer) and fixed fees ($5/month Workers Paid) are left out: these
 * are marginal costs per million requests at a volume past the allowances.
 *
 * Environment: NEON_PLAN=launch|scale (launch), UTILIZATION (0.5: the share of
 * the compute's CPU time that runs statements; an idle or over-provisioned
 * compute costs the same per hour for fewer statements), PAGE_ROWS (unset:
 * each query's own page size, as measured; a number scales the measured bytes
 * per row to pages of that many rows; the Worker CPU is that of bench:cpu's
 * 20-row page below 1000 rows, of its 1000-row page from 1000).
 */

/** The providers' prices, as read on the date given (docs/cost.md cites the pages). */
export const PRICES = {
  read: "2026-11-29",
  workersRequestPerMillion: {
    usd: 0.3,
    source: "https://developers.cloudflare.com/workers/platform/pricing/ (Standard usage model)",
  },
  workersCpuPerMillionMs: {
    usd: 0.02,
    source: "https://developers.cloudflare.com/workers/platform/pricing/ (Standard usage model)",
  },
  kvReadPerMillion: { usd: 0.5, source: "https://developers.cloudflare.com/kv/platform/pricing/" },
  neonCuHour: {
    launch: 0.106,
    scale: 0.222,
    source: "https://neon.com/docs/introduction/plans (Compute: $/CU-hour)",
  },
  neonTransferPerGb: {
    usd: 0.1,
    source: "https://neon.com/docs/introduction/plans (Public network transfer, past 100 GB/month)",
  },
} as const;

/** Assumed, not published: the CPUs of one CU (the plans page gives ~4 GB of RAM "along with associated CPU"). */
const VCPU_PER_CU = 1;

const NEON_PLAN = process.env.NEON_PLAN === "scale" ? "scale" : "launch";
const UTILIZATION = Number(process.env.UTILIZATION ?? 0.5);
const PAGE_ROWS = process.env.PAGE_ROWS ? Number(process.env.PAGE_ROWS) : undefined;
const HIT_RATIOS = [0, 0.5, 0.9];
const MODES = ["exact", "estimated", "none"] as const;
type Mode = (typeof MODES)[number];

interface Measured {
  medianMs: number;
  dataBytes?: number;
}
interface PlansResults {
  measuredAt: string;
  commit: string;
  loadAverage: { start: number; end: number };
  queries: { name: string; pageSize: number; modes: Partial<Record<Mode, Measured>> }[];
}
interface CpuResults {
  measuredAt: string;
  commit: string;
  requests: { name: string; medianMs: number }[];
}

/** Dollars per million misses of `dbMs` database time sending `bytes`. */
function databasePerMillion(dbMs: number, bytes: number): { compute: number; transfer: number } {
  const cuHours = dbMs / 3_600_000 / (VCPU_PER_CU * UTILIZATION);
  return {
    compute: cuHours * PRICES.neonCuHour[NEON_PLAN] * 1e6,
    transfer: (bytes / 1e9) * PRICES.neonTransferPerGb.usd * 1e6,
  };
}

function main(): void {
  const plans = readResults<PlansResults>("plans");
  const cpu = readResults<CpuResults>("cpu");
  if (!plans || !cpu) {
    console.error(
      "bench/results/plans.json and bench/results/cpu.json are needed: run npm run bench:plans and bench:cpu",
    );
    process.exit(2);
  }
  const cpuOf = (kind: "hit" | "miss") =>
    cpu.requests.find((r) => r.name.startsWith(`${kind}, ${(PAGE_ROWS ?? 20) >= 1000 ? 1000 : 20}-row`))?.medianMs ??
    Number.NaN;
  const hitCpuMs = cpuOf("hit");
  const missCpuMs = cpuOf("miss");
  const perRequest = PRICES.workersRequestPerMillion.usd + PRICES.kvReadPerMillion.usd;
  const cpuCost = (ms: number) => ms * PRICES.workersCpuPerMillionMs.usd;

  console.log(
    `inputs: bench:plans ${plans.measuredAt} (${plans.commit}, load ${plans.loadAverage.start}–${plans.loadAverage.end}), ` +
      `bench:cpu ${cpu.measuredAt} (${cpu.commit}); Neon ${NEON_PLAN} $${PRICES.neonCuHour[NEON_PLAN]}/CU-hour, ` +
      `utilization ${UTILIZATION}, ${VCPU_PER_CU} vCPU per CU (assumed); pages of ${PAGE_ROWS ?? "each query's own"} rows; ` +
      `prices read ${PRICES.read}`,
  );
  console.log(
    `\nper request: Workers request $${PRICES.workersRequestPerMillion.usd}/M + KV read $${PRICES.kvReadPerMillion.usd}/M; ` +
      `Worker CPU hit ${hitCpuMs.toFixed(3)} ms ($${cpuCost(hitCpuMs).toFixed(4)}/M), miss ${missCpuMs.toFixed(3)} ms ($${cpuCost(missCpuMs).toFixed(4)}/M)`,
  );

  // Per query and mode: dollars per million misses (database compute + transfer).
  const rows: string[][] = [];
  const missCost: Record<Mode, number[]> = { exact: [], estimated: [], none: [] };
  const transferCost: Record<Mode, number[]> = { exact: [], estimated: [], none: [] };
  for (const query of plans.queries) {
    const cells = [query.name];
    for (const mode of MODES) {
      const measured = query.modes[mode];
      if (!measured) {
        cells.push("-");
        continue;
      }
      const measuredBytes = query.modes.none?.dataBytes ?? measured.dataBytes ?? 0;
      const bytes = PAGE_ROWS === undefined ? measuredBytes : (measuredBytes / query.pageSize) * PAGE_ROWS;
      const db = databasePerMillion(measured.medianMs, bytes);
      const total = db.compute + db.transfer;
      missCost[mode].push(total);
      transferCost[mode].push(db.transfer);
      cells.push(`${measured.medianMs.toFixed(1)} ms → $${db.compute.toFixed(2)} + $${db.transfer.toFixed(2)}`);
    }
    rows.push(cells);
  }
  console.log(
    `\ndatabase cost per million misses, by query and count mode: database time → Neon compute + Neon transfer (page bytes)`,
  );
  printTable(["query", "exact", "estimated", "none (count cached)"], rows);

  // The fixed set as the traffic: every query equally often.
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const missCpu = cpuCost(missCpuMs);
  const hitCpu = cpuCost(hitCpuMs);
  const table: string[][] = [];
  for (const mode of MODES) {
    const db = mean(missCost[mode]);
    const cells = [mode === "none" ? "none (or count cached)" : mode];
    for (const h of HIT_RATIOS) {
      const cost = perRequest + h * hitCpu + (1 - h) * (missCpu + db);
      cells.push(`$${cost.toFixed(2)}`);
    }
    table.push(cells);
  }
  console.log("\ncost per million requests, the 17 queries of the fixed set equally often, by hit ratio");
  printTable(["count mode of the misses", ...HIT_RATIOS.map((h) => `${h * 100}% hits`)], table);

  // What moves it: each lever against the baseline (exact counts, 50% hits).
  const base = (h: number, db: number) => perRequest + h * hitCpu + (1 - h) * (missCpu + db);
  const exact = mean(missCost.exact);
  const baseline = base(0.5, exact);
  const levers: [string, number][] = [
    ["hit ratio 50% → 90% (longer CACHE_TTL_SECONDS, fewer distinct queries)", base(0.9, exact)],
    ["count=estimated instead of exact", base(0.5, mean(missCost.estimated))],
    ["count cached (the miss is a later page of a counted filter) / count=none", base(0.5, mean(missCost.none))],
    ["half the bytes per page (fields= projections, smaller pages)", base(0.5, exact - mean(transferCost.exact) / 2)],
    ["no KV read per request (the cache generation kept in the isolate)", baseline - PRICES.kvReadPerMillion.usd],
  ];
  console.log(
    `\nof a miss's database cost (exact counts, mean of the set): compute $${(exact - mean(transferCost.exact)).toFixed(2)}, ` +
      `transfer $${mean(transferCost.exact).toFixed(2)} per million misses`,
  );
  console.log(`\nwhat moves it, from exact counts at 50% hits ($${baseline.toFixed(2)} per million requests)`);
  printTable(
    ["change", "$ per million requests", "saving"],
    levers.map(([name, value]) => [
      name,
      `$${value.toFixed(2)}`,
      `${(((baseline - value) / baseline) * 100).toFixed(0)}%`,
    ]),
  );
}

main();
