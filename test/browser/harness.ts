/**
 * What the browser tests share: `npm run dev` on a free port (embedded
 * database, demo data, demo keys), Debian's headless Chromium through
 * playwright-core with a throwaway profile, a guard that refuses every request
 * leaving the machine, named checks that count passes and failures, and
 * screenshots in test-results/ (gitignored).
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { type LocalService, startLocalService, stopLocalService } from "../../scripts/dev/spawned-service.ts";

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

/** The service under test: `npm run dev` on a free port, its URL and its demo keys. */
export type DevServer = LocalService;

/** `npm run dev` on a free port; resolves once its banner (URL and demo keys) is printed. */
function startDev(): Promise<DevServer> {
  log("starting npm run dev (migrates and seeds the embedded database on first run)");
  return startLocalService("dev", (line) => log(`  dev | ${line}`));
}

const stopDev = stopLocalService;

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
