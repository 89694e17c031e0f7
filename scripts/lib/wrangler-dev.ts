import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";
import { REPO_ROOT, WRANGLER_BIN } from "./paths.ts";

/**
 * `wrangler dev` as a child we fully own: started in its own process group
 * (detached) so that stopping it also stops the workerd processes it starts,
 * and so a terminal Ctrl-C reaches only us — we then shut it down in order.
 */
export interface WranglerDev {
  child: ChildProcess;
  exited: Promise<number>;
  running(): boolean;
  stop(): Promise<number>;
}

export interface WranglerDevOptions {
  port: number;
  ip: string;
  vars: Record<string, string>;
}

export function startWranglerDev(options: WranglerDevOptions): WranglerDev {
  const args = ["dev", "--port", String(options.port), "--ip", options.ip, "--show-interactive-dev-session=false"];
  for (const [name, value] of Object.entries(options.vars)) args.push("--var", `${name}:${value}`);
  const child = spawn(WRANGLER_BIN, args, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      // The Worker never reads request.cf: skip miniflare's download of it (a
      // 3 s timeout and a warning when offline) unless the user says otherwise.
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      ...process.env,
      WRANGLER_SEND_METRICS: "false",
    },
  });
  const pid = child.pid;
  let running = pid !== undefined;
  const exited = new Promise<number>((resolve) => {
    child.once("exit", (code, signal) => {
      running = false;
      resolve(code ?? (signal ? 128 + signalNumber(signal) : 1));
    });
    child.once("error", (error) => {
      running = false;
      console.error(`failed to start wrangler: ${error.message}`);
      resolve(1);
    });
  });
  // Last resort if we die without a clean shutdown: never leave workerd behind.
  const killOnExit = () => killGroup(pid, "SIGKILL");
  process.once("exit", killOnExit);

  return {
    child,
    exited,
    running: () => running,
    async stop() {
      killGroup(pid, "SIGTERM");
      const code = await Promise.race([exited, delay(5000).then(() => undefined)]);
      // wrangler may be gone while workerd lingers: wait for the whole group.
      const deadline = Date.now() + 3000;
      while (groupAlive(pid) && Date.now() < deadline) await delay(100);
      if (groupAlive(pid)) killGroup(pid, "SIGKILL");
      process.removeListener("exit", killOnExit);
      return code ?? (await exited);
    },
  };
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

function groupAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : signal === "SIGKILL" ? 9 : 1;
}
