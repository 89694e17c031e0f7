import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";

/**
 * The benchmarks' figures as JSON under bench/results/, next to the Markdown
 * tables they print: `npm run bench:cost` (bench/cost.ts) reads the latest of
 * each, so docs/cost.md is computed from measurements, not copied by hand.
 */
const RESULTS_DIR = new URL("../results/", import.meta.url);

/** Where, when and under which load a run was measured. */
export interface RunEnvironment {
  measuredAt: string;
  /** `git describe`-like: the commit, `+dirty` when the working tree differs from it. */
  commit: string;
  node: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  /** 1-minute load average when the run started and ended. */
  loadAverage: { start: number; end: number };
}

export function startEnvironment(): { finish(): RunEnvironment } {
  const start = loadavg()[0] ?? 0;
  const measuredAt = new Date().toISOString();
  return {
    finish: () => ({
      measuredAt,
      commit: currentCommit(),
      node: process.version,
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverage: { start: round(start), end: round(loadavg()[0] ?? 0) },
    }),
  };
}

/** The 1-minute load average now, rounded to 0.1. */
export function loadNow(): number {
  return round(loadavg()[0] ?? 0);
}

function currentCommit(): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    // What the measured code is made of: the Worker, its migrations, and the local stack the end-to-end benchmarks run.
    const dirty = execFileSync(
      "git",
      ["status", "--porcelain", "--untracked-files=no", "--", "src", "drizzle", "scripts", "wrangler.toml"],
      { encoding: "utf8" },
    ).trim();
    return dirty ? `${commit}+dirty` : commit;
  } catch {
    return "unknown";
  }
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Writes bench/results/<name>.json. */
export function writeResults(name: string, value: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const url = new URL(`${name}.json`, RESULTS_DIR);
  writeFileSync(url, `${JSON.stringify(value, null, 2)}\n`);
  return url.pathname;
}

/** Reads bench/results/<name>.json, or undefined when that benchmark has not been run. */
export function readResults<T>(name: string): T | undefined {
  try {
    return JSON.parse(readFileSync(new URL(`${name}.json`, RESULTS_DIR), "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** The nearest-rank percentile `p` (0–100) of the values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
