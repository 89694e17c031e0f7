import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalWorker, type LocalWorkerOptions, superviseGroup } from "./local-worker.ts";
import { REPO_ROOT, WRANGLER_BIN } from "./paths.ts";

/** wrangler's command line: ports and files, never a value of `vars`. */
export function wranglerDevArguments(options: Omit<LocalWorkerOptions, "vars">, envFile: string): string[] {
  const args = ["dev", "--port", String(options.port), "--ip", options.ip, "--show-interactive-dev-session=false"];
  const own = [".dev.vars", ".env"].map((name) => join(REPO_ROOT, name)).find((path) => existsSync(path));
  if (own) args.push("--env-file", own);
  args.push("--env-file", envFile);
  return args;
}

/**
 * `wrangler dev` as a child we fully own: started in its own process group
 * (detached) so that stopping it also stops the workerd processes it starts,
 * and so a terminal Ctrl-C reaches only us — we then shut it down in order.
 */
export function startWranglerDev(options: LocalWorkerOptions): LocalWorker {
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
  return superviseGroup(child, "wrangler", () => envFile.remove());
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
