import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { REPO_ROOT, WRANGLER_BIN } from "./paths.ts";

/** A Worker served locally, by `wrangler dev` (here) or by Miniflare (served-worker.ts). */
export interface LocalWorker {
  /** Resolves with an exit code when it stops, whoever stopped it. */
  exited: Promise<number>;
  running(): boolean;
  stop(): Promise<number>;
}

/**
 * `wrangler dev` as a child we fully own: started in its own process group
 * (detached) so that stopping it also stops the workerd processes it starts,
 * and so a terminal Ctrl-C reaches only us — we then shut it down in order.
 */
export interface WranglerDev extends LocalWorker {
  child: ChildProcess;
}

export interface LocalWorkerOptions {
  port: number;
  ip: string;
  /**
   * The Worker's vars and secrets (the connection string, the bridge's token).
   * They reach wrangler in an env file readable by this user only, removed
   * when wrangler stops (Miniflare: over its child's IPC channel) — never on a command line,
   * where any local user can read them (`ps`). A `.dev.vars` (or `.env`) of
   * the project is read first, as wrangler would, so a developer's own values
   * still apply.
   */
  vars: Record<string, string>;
}

/** wrangler's command line: ports and files, never a value of `vars`. */
export function wranglerDevArguments(options: Omit<LocalWorkerOptions, "vars">, envFile: string): string[] {
  const args = ["dev", "--port", String(options.port), "--ip", options.ip, "--show-interactive-dev-session=false"];
  const own = [".dev.vars", ".env"].map((name) => join(REPO_ROOT, name)).find((path) => existsSync(path));
  if (own) args.push("--env-file", own);
  args.push("--env-file", envFile);
  return args;
}

export function startWranglerDev(options: LocalWorkerOptions): WranglerDev {
  const envFile = writeEnvFile(options.vars);
  const args = wranglerDevArguments(options, envFile.path);
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
  return { child, ...superviseGroup(child, "wrangler", () => envFile.remove()) };
}

/**
 * Owns a child started `detached` (its own process group, with whatever it
 * starts in turn: workerd): `stop()` sends SIGTERM to the group, waits, then
 * SIGKILLs what is left; if this process dies first, the group is killed on
 * exit. `cleanup` runs once the group is gone (or at that exit).
 */
export function superviseGroup(child: ChildProcess, label: string, cleanup: () => void): LocalWorker {
  const pid = child.pid;
  let running = pid !== undefined;
  const exited = new Promise<number>((resolve) => {
    child.once("exit", (code, signal) => {
      running = false;
      resolve(code ?? (signal ? 128 + signalNumber(signal) : 1));
    });
    child.once("error", (error) => {
      running = false;
      console.error(`failed to start ${label}: ${error.message}`);
      resolve(1);
    });
  });
  // Last resort if we die without a clean shutdown: never leave workerd behind, nor the files.
  const killOnExit = () => {
    killGroup(pid, "SIGKILL");
    cleanup();
  };
  process.once("exit", killOnExit);

  return {
    exited,
    running: () => running,
    async stop() {
      killGroup(pid, "SIGTERM");
      const code = await Promise.race([exited, delay(5000).then(() => undefined)]);
      // The child may be gone while workerd lingers: wait for the whole group.
      const deadline = Date.now() + 3000;
      while (groupAlive(pid) && Date.now() < deadline) await delay(100);
      if (groupAlive(pid)) killGroup(pid, "SIGKILL");
      cleanup();
      process.removeListener("exit", killOnExit);
      return code ?? (await exited);
    },
  };
}

/** The vars as a dotenv file in a private temporary directory (0700, file 0600). */
export function writeEnvFile(vars: Record<string, string>): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "contact-query-dev-"));
  chmodSync(dir, 0o700);
  const path = join(dir, "dev.vars");
  const lines = Object.entries(vars).map(([name, value]) => `${name}=${dotenvQuoted(name, value)}`);
  writeFileSync(path, `${lines.join("\n")}\n`, { mode: 0o600 });
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A value quoted so that dotenv reads it back verbatim: single quotes are literal, and so are backticks. */
function dotenvQuoted(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`${name}: a value for wrangler dev cannot span lines`);
  for (const quote of ["'", "`", '"']) if (!value.includes(quote)) return `${quote}${value}${quote}`;
  throw new Error(`${name}: a value holding ', " and \` cannot be passed to wrangler dev`);
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
