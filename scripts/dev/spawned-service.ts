import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "./net.ts";
import { REPO_ROOT } from "./paths.ts";

/**
 * The local service started as a person starts it (`npm run serve` or
 * `npm run dev`) on a free port, for scripts that try it from outside: the
 * embedded database with its demo organizations, and the demo API keys its
 * banner prints.
 */
export interface LocalService {
  baseUrl: string;
  /** Demo API keys by organization. */
  keys: Record<string, string>;
  process: ChildProcess;
}

const READY_TIMEOUT_MS = 180_000;

/** Starts the service; resolves once its banner (URL and demo keys) is printed. `log` gets its output lines. */
export async function startLocalService(
  script: "serve" | "dev",
  log: (line: string) => void = () => undefined,
): Promise<LocalService> {
  const port = await freePort();
  const child = spawn("npm", ["run", script], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stopping it stops workerd too
  });
  let output = "";
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`npm run ${script} was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`)),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split("\n")) if (line.trim()) log(line.trimEnd());
      if (/press Ctrl-C to stop/.test(output)) {
        clearTimeout(timer);
        const keys: Record<string, string> = {};
        for (const match of output.matchAll(/^\s+(\S+)\s+(cq_[A-Za-z0-9_-]{43})\s*$/gm)) {
          if (match[1] && match[2]) keys[match[1]] = match[2];
        }
        done({ baseUrl: `http://127.0.0.1:${port}`, keys, process: child });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`npm run ${script} exited with ${code}:\n${output}`));
    });
  });
}

/** Ctrl-C to its process group (the launcher stops workerd and the database); SIGKILL if it lingers. */
export async function stopLocalService(service: LocalService): Promise<void> {
  const { pid } = service.process;
  if (service.process.exitCode !== null || pid === undefined) return;
  const exited = new Promise((done) => service.process.once("exit", done));
  process.kill(-pid, "SIGINT");
  const timeout = new Promise((done) => setTimeout(done, 15_000, "timeout"));
  if ((await Promise.race([exited, timeout])) === "timeout") process.kill(-pid, "SIGKILL");
}
