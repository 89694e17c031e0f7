/**
 * What the browser tests share: `npm run dev` on a free port (embedded
 * database, demo data, demo keys), Debian's headless Chromium through
 * playwright-core with a throwaway profile, a guard that refuses every request
 * leaving the machine, named checks that count passes and failures, and
 * screenshots in test-results/ (gitignored).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { freePort } from "../../scripts/dev/net.ts";

export const ROOT = resolve(import.meta.dirname, "../..");
export const RESULTS = join(ROOT, "test-results");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const STEP_TIMEOUT_MS = 30_000;

const started = Date.now();
export const log = (message: string) =>
  console.log(`[browser ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

export interface DevServer {
  baseUrl: string;
  /** Demo organization → its API key, as `npm run dev` printed them. */
  keys: Record<string, string>;
  process: ChildProcess;
}

/** `npm run dev` on a free port; resolves once its banner (URL and demo keys) is printed. */
async function startDev(): Promise<DevServer> {
  const port = await freePort();
  log(`starting npm run dev on port ${port} (migrates and seeds the embedded database on first run)`);
  const child = spawn("npm", ["run", "dev"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stopping it stops wrangler and workerd too
  });
  let output = "";
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`npm run dev was not ready within 180 s:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split("\n")) if (line.trim()) log(`  dev | ${line.trimEnd()}`);
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
      fail(new Error(`npm run dev exited with ${code}:\n${output}`));
    });
  });
}

async function stopDev(dev: DevServer): Promise<void> {
  if (dev.process.exitCode !== null || dev.process.pid === undefined) return;
  const exited = new Promise((done) => dev.process.once("exit", done));
  process.kill(-dev.process.pid, "SIGINT"); // Ctrl-C: the launcher stops wrangler and the database
  const timeout = new Promise((done) => setTimeout(done, 15_000, "timeout"));
  if ((await Promise.race([exited, timeout])) === "timeout") process.kill(-dev.process.pid, "SIGKILL");
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Refuses any request that would leave the machine: the pages need nothing but their own origin. */
async function refuseOutside(context: BrowserContext, baseUrl: string, refused: string[]): Promise<void> {
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    refused.push(url);
    return route.abort("internetdisconnected");
  });
}

export interface BrowserTest {
  dev: DevServer;
  context: BrowserContext;
  page: Page;
  /** Runs one named step; a failure is counted and logged, and the next step still runs. */
  check(name: string, body: () => Promise<void>): Promise<void>;
  /** Saves test-results/<prefix>-<name>.png. */
  shot(name: string, page?: Page): Promise<string>;
  /** Requests the guard refused, and errors the pages threw. */
  refused: string[];
  pageErrors: string[];
}

/**
 * Runs a browser test from start to end and exits with its outcome (the
 * closing line is "N passed, N failed"); without Chromium it says so and
 * passes, as CI installs it where it can.
 */
export function runBrowserTest(
  prefix: string,
  body: (test: BrowserTest) => Promise<void>,
  options: { permissions?: string[] } = {},
): void {
  let passed = 0;
  let failed = 0;
  const check = async (name: string, step: () => Promise<void>) => {
    try {
      await step();
      passed++;
      log(`✓ ${name}`);
    } catch (error) {
      failed++;
      log(`✗ ${name}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };
  const main = async (): Promise<number> => {
    if (!existsSync(CHROMIUM)) {
      console.log(`note: ${CHROMIUM} not found (apt-get install chromium); the browser test is skipped.`);
      return 0;
    }
    await mkdir(RESULTS, { recursive: true });
    const profile = await mkdtemp(join(tmpdir(), `${prefix}-browser-`));
    const dev = await startDev();
    let context: BrowserContext | undefined;
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        args: CHROMIUM_FLAGS,
        headless: true,
        viewport: { width: 1400, height: 1000 },
        acceptDownloads: true,
      });
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      if (options.permissions) await context.grantPermissions(options.permissions, { origin: dev.baseUrl });
      const refused: string[] = [];
      await refuseOutside(context, dev.baseUrl, refused);
      const pageErrors: string[] = [];
      context.on("page", (opened) => opened.on("pageerror", (error) => pageErrors.push(error.message)));
      const page = context.pages()[0] ?? (await context.newPage());
      page.on("pageerror", (error) => pageErrors.push(error.message));
      const shot = async (name: string, target = page) => {
        const path = join(RESULTS, `${prefix}-${name}.png`);
        await target.screenshot({ path, fullPage: false });
        log(`  screenshot ${path}`);
        return path;
      };
      await body({ dev, context, page, check, shot, refused, pageErrors });
    } finally {
      await context?.close();
      await stopDev(dev);
      await rm(profile, { recursive: true, force: true });
    }
    console.log(`\n${passed} passed, ${failed} failed`);
    return failed === 0 && passed > 0 ? 0 : 1;
  };
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      console.log(`\n${passed} passed, ${failed + 1} failed`);
      process.exit(1);
    },
  );
}
