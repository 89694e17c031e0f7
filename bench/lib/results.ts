import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";

/**
 * @module The benchmarks' figures as JSON under bench/results/ (one file per
 * benchmark, its latest run), next to the Markdown tables they print.
 * `npm run docs:performance` (bench/performance-doc.ts) renders docs/performance.md's
 * tables from them and `npm run bench:cost` (bench/cost.ts) prices them.
 *
 * A figure is stated as its ratio to a floor measured in the same run (the
 * least work a request of its kind can do, bench/lib/floor.ts): milliseconds
 * move with the machine, the ratio much less.
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

/** `value / floor`, to 2 decimals: how many floors a figure costs (NaN when either is missing). */
export function ratio(value: number | undefined, floor: number | undefined): number {
  if (value === undefined || floor === undefined || !(floor > 0)) return Number.NaN;
  return Math.round((value / floor) * 100) / 100;
}

/** A ratio as the tables print it: `×3.4`, `×0.45`, or `-`. */
export function times(value: number): string {
  if (!Number.isFinite(value)) return "-";
  return `×${value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2)}`;
}

/**
 * Writes bench/results/<name>.json, with the command that printed it: `npm run
 * bench:<name>`, its arguments, and those of the script's `settings` (the
 * environment variables it reads) that were set, so a partial or shortened
 * run says so wherever its figures are shown.
 */
export function writeResults(name: string, value: object, settings: readonly string[] = []): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const url = new URL(`${name}.json`, RESULTS_DIR);
  writeFileSync(url, `${JSON.stringify({ command: commandLine(name, settings), ...value }, null, 2)}\n`);
  return url.pathname;
}

function commandLine(name: string, settings: readonly string[]): string {
  const set = settings.filter((setting) => process.env[setting] !== undefined && process.env[setting] !== "");
  const args = process.argv.slice(2);
  return [
    ...set.map((setting) => `${setting}=${process.env[setting]}`),
    `npm run bench:${name}`,
    ...(args.length > 0 ? ["--", ...args] : []),
  ].join(" ");
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
