import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertPortFree, waitForHttp } from "../../scripts/dev/net.ts";
import { REPO_ROOT } from "../../scripts/dev/paths.ts";

/**
 * The local stack the end-to-end benchmarks measure, on DATABASE_URL, in its
 * own process group, its output in a temporary log file: `npm run serve`
 * (scripts/dev/dev.ts --serve: the deployed bundle in workerd through Miniflare,
 * the local SQL-over-HTTP endpoint), or with LOCAL_RUNTIME=dev `npm run dev`
 * (the same behind `wrangler dev`'s proxy Worker and inspector).
 */
export const LOCAL_RUNTIME: "serve" | "dev" = process.env.LOCAL_RUNTIME === "dev" ? "dev" : "serve";

export interface DevService {
  baseUrl: string;
  /** The service's process (`npx tsx scripts/dev/dev.ts`), to find the workerd process under. */
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
    ["tsx", "scripts/dev/dev.ts", ...(LOCAL_RUNTIME === "serve" ? ["--serve"] : [])],
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
