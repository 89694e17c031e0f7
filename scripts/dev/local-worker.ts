import type { ChildProcess } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";

/** A Worker served locally, by `wrangler dev` (wrangler-dev.ts) or by Miniflare (miniflare-worker.ts). */
export interface LocalWorker {
  /** Resolves with an exit code when it stops, whoever stopped it. */
  exited: Promise<number>;
  running(): boolean;
  stop(): Promise<number>;
}

export interface LocalWorkerOptions {
  port: number;
  ip: string;
  /**
   * The Worker's vars and secrets (the connection string, the bridge's token).
   * Never on a command line, where any local user can read them (`ps`):
   * wrangler dev gets them in an env file readable by this user only, removed
   * when it stops; Miniflare over its child's IPC channel. A `.dev.vars` (or
   * `.env`) of the project is read first, as wrangler would, so a developer's
   * own values still apply.
   */
  vars: Record<string, string>;
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
