import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertPortFree, waitForHttp } from "../../scripts/lib/net.ts";
import { REPO_ROOT } from "../../scripts/lib/paths.ts";

/**
 * The local stack the end-to-end benchmarks measure, on DATABASE_URL, in its
 * own process group, its output in a temporary log file: `npm run serve`
 * (scripts/dev.ts --serve: the deployed bundle in workerd through Miniflare,
 * the local SQL-over-HTTP endpoint), or with LOCAL_RUNTIME=dev `npm run dev`
 * (the same behind `wrangler dev`'s proxy Worker and inspector).
 */
export const LOCAL_RUNTIME: "serve" | "dev" = process.env.LOCAL_RUNTIME === "dev" ? "dev" : "serve";

export interface DevService {
  baseUrl: string;
  /** The service's process (`npx tsx scripts/dev.ts`), to find the workerd process under. */
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

export async function startDevService(databaseUrl: string, port: number, name: string): Promise<DevService> {
  await assertPortFree(port, "127.0.0.1");
  const logFile = join(tmpdir(), `cq-${name}-dev-${process.pid}.log`);
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    "npx",
    ["tsx", "scripts/dev.ts", ...(LOCAL_RUNTIME === "serve" ? ["--serve"] : [])],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  console.log(`starting the service (npm run ${LOCAL_RUNTIME}, PORT=${port}); its log: ${logFile}`);
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    process.kill(-child.pid, "SIGINT"); // dev.ts shuts the Worker and the bridge down in order
    const forced = setTimeout(() => child.pid !== undefined && !exited && process.kill(-child.pid, "SIGKILL"), 15_000);
    await exit;
    clearTimeout(forced);
  };
  if (!(await waitForHttp(`${baseUrl}/openapi.json`, 120_000, () => !exited))) {
    await stop();
    throw new Error(`the service did not come up on ${baseUrl}; see ${logFile}`);
  }
  return { baseUrl, pid: child.pid as number, logFile, stop };
}

/** The pids of the processes descending from `rootPid` whose executable (argv[0]) ends with `name` (Linux /proc). */
export function processesUnder(rootPid: number, name: string): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command's closing parenthesis: state, ppid, ...
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const descends = (pid: number): boolean => {
    for (let current = parents.get(pid); current !== undefined && current > 1; current = parents.get(current)) {
      if (current === rootPid) return true;
    }
    return false;
  };
  return [...parents.keys()].filter((pid) => {
    if (!descends(pid)) return false;
    try {
      return (readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] ?? "").endsWith(name);
    } catch {
      return false;
    }
  });
}

/** Resident memory of a process, in KiB (VmRSS), or its peak so far (VmHWM). */
export function residentKib(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return 0; // the process has ended
  }
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) : Number.NaN;
}
