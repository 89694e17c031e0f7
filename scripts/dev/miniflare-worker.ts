import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type LocalWorker, type LocalWorkerOptions, superviseGroup } from "./local-worker.ts";
import { REPO_ROOT, WRANGLER_BIN } from "./paths.ts";

/**
 * The Worker as deployed, served locally (`npm run serve`): built by wrangler
 * exactly as `wrangler deploy` builds it (`--dry-run --outdir`), then run in
 * workerd by Miniflare (miniflare-child.ts, in a child process: Miniflare exits
 * the process on SIGINT itself, which would cut our orderly shutdown short).
 * The vars travel over the child's IPC channel, never on a command line.
 *
 * What it leaves out, compared with `wrangler dev`: the proxy Worker in front
 * of the Worker (reloads), Miniflare's entry Worker (miniflare-child.ts), and the
 * DevTools inspector, which wrangler dev attaches with the Network domain on,
 * so workerd copies every outbound fetch's whole body (base64) into events
 * relayed to wrangler's Node process, one HTTP request each. Measured at one
 * connection (docs/performance.md, "The local stack"): hits 7–9 → 2–4 ms,
 * misses 5–15 ms faster; and an export of
 * 600,000 contacts in HTTP mode runs wrangler dev out of file descriptors and
 * Node heap but streams here. The price: no reload on change (restart to pick
 * up an edit) and no DevTools; the edge cache and KV are in memory, empty at
 * each start.
 */
export async function serveBuiltWorker(options: LocalWorkerOptions): Promise<LocalWorker> {
  const outdir = mkdtempSync(join(tmpdir(), "contact-query-build-"));
  const removeBuild = () => rmSync(outdir, { recursive: true, force: true });
  try {
    await buildWorker(outdir);
  } catch (error) {
    removeBuild();
    throw error;
  }
  // Node with the same loader flags as this process (tsx), so the child can be TypeScript.
  const child = spawn(process.execPath, [...process.execArgv, CHILD_SCRIPT], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const worker = superviseGroup(child, "the Worker", removeBuild);
  const request: ServeRequest = { outdir, ip: options.ip, port: options.port, vars: options.vars };
  child.send(request);
  child.on("message", (message: ServeReport) => {
    if (message.error) console.error(`the Worker could not start: ${message.error}`);
    child.disconnect();
  });
  return worker;
}

/** What miniflare-child.ts is sent: where the bundle is, where to listen, the vars. */
export interface ServeRequest {
  outdir: string;
  ip: string;
  port: number;
  vars: Record<string, string>;
}

/** What it answers once Miniflare is up: nothing more, or why it could not start. */
export interface ServeReport {
  error?: string;
}

const CHILD_SCRIPT = fileURLToPath(new URL("miniflare-child.ts", import.meta.url));

/** `wrangler deploy --dry-run --outdir`: the deployed bundle (aliases, compatibility flags and all), not uploaded. */
function buildWorker(outdir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(WRANGLER_BIN, ["deploy", "--dry-run", "--outdir", outdir], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`wrangler deploy --dry-run exited with ${code}:\n${output}`)),
    );
  });
}
