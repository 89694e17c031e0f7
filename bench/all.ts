import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { REPO_ROOT } from "../scripts/dev/paths.ts";
import { benchDatabaseUrl } from "./lib/pg.ts";
import { printTable } from "./lib/table.ts";

/**
 * @module `npm run bench:all`: every benchmark in turn, each writing its
 * bench/results/ files, then `npm run docs:performance` to rewrite the tables
 * of docs/performance.md from them. Meant for a quiet machine, after a restart
 * of the database server (its buffer history moves the figures: decision 0001).
 * A benchmark that fails or misses its targets does not stop the others; the
 * process exits with 1 at the end when one did. ~15 min, most of it
 * `bench:load-1m`. Environment: DATABASE_URL (required: the 1M-contact database).
 */
const STEPS: readonly { name: string; commands: readonly string[] }[] = [
  { name: "cpu", commands: ["bench:cpu"] },
  { name: "bundle", commands: ["build:check", "bench:bundle"] },
  { name: "plans", commands: ["bench:plans"] },
  { name: "walk", commands: ["bench:walk"] },
  { name: "facets", commands: ["bench:facets"] },
  { name: "search", commands: ["bench:search"] },
  { name: "storage", commands: ["bench:storage"] },
  { name: "export", commands: ["bench:export"] },
  { name: "local-stack", commands: ["bench:local-stack"] },
  { name: "load-1m", commands: ["bench:load-1m"] },
];

benchDatabaseUrl(); // exits with a hint when it is missing
const rows: string[][] = [];
let failed = false;
const started = performance.now();
for (const step of STEPS) {
  const load = (loadavg()[0] ?? 0).toFixed(1);
  const stepStarted = performance.now();
  let status = 0;
  for (const command of step.commands) {
    console.log(`\n==> npm run ${command}`);
    status = spawnSync("npm", ["run", command], { cwd: REPO_ROOT, stdio: "inherit" }).status ?? 1;
    if (status !== 0) break;
  }
  failed ||= status !== 0;
  rows.push([step.name, status === 0 ? "ok" : `exit ${status}`, minutes(stepStarted), load]);
}
console.log("\n==> npm run docs:performance");
const docs = spawnSync("npm", ["run", "docs:performance"], { cwd: REPO_ROOT, stdio: "inherit" }).status ?? 1;
failed ||= docs !== 0;
printTable(["benchmark", "result", "minutes", "load average at its start"], rows);
console.log(`\n${minutes(started)} min in all; commit bench/results/ and docs/performance.md together`);
if (failed) process.exitCode = 1;

function minutes(since: number): string {
  return ((performance.now() - since) / 60_000).toFixed(1);
}
