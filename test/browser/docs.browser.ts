/**
 * `npm run test:browser`: the interactive docs, tried as a person would, in a
 * real headless Chromium (Debian's `chromium`, driven by playwright-core).
 *
 * Starts `npm run dev` (embedded database, demo data, demo keys) on a free
 * port, opens /docs, authorizes with a demo key through the page's own
 * authentication form, runs a query from the API client and checks the
 * response it shows. Screenshots go to test-results/ (gitignored).
 *
 * Offline: the docs page loads Scalar's browser bundle from the Worker's own
 * origin (a static asset linked to the installed @scalar/api-reference, see
 * src/openapi/docs.ts). This test refuses every request that leaves the
 * machine, so it needs no network and catches a page that would.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { freePort } from "../../scripts/lib/net.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const RESULTS = join(ROOT, "test-results");
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

let passed = 0;
let failed = 0;
const started = Date.now();
const log = (message: string) => console.log(`[browser ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

interface DevServer {
  baseUrl: string;
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

async function check(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    passed++;
    log(`✓ ${name}`);
  } catch (error) {
    failed++;
    log(`✗ ${name}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Refuses any request that would leave the machine: the page needs nothing but its own origin. */
async function offline(context: BrowserContext, baseUrl: string, refused: string[]): Promise<void> {
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    refused.push(url);
    return route.abort("internetdisconnected");
  });
}

async function shot(page: Page, name: string): Promise<void> {
  const path = join(RESULTS, `docs-${name}.png`);
  await page.screenshot({ path, fullPage: false });
  log(`  screenshot ${path}`);
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.log(`note: ${CHROMIUM} not found (apt-get install chromium); the browser test is skipped.`);
    return 0;
  }
  await mkdir(RESULTS, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), "docs-browser-"));
  const dev = await startDev();
  const [org, key] = Object.entries(dev.keys)[0] ?? [];
  let context: BrowserContext | undefined;
  try {
    assert(org && key, "npm run dev printed no demo API key");
    log(`demo organization ${org}`);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS,
      headless: true,
      viewport: { width: 1400, height: 1000 },
    });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const refused: string[] = [];
    await offline(context, dev.baseUrl, refused);
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));

    await check("the docs page renders the API from /openapi.json", async () => {
      const response = await page.goto(`${dev.baseUrl}/docs`);
      assert(response?.status() === 200, `GET /docs answered ${response?.status()}`);
      await page.getByRole("heading", { name: "Contact query API" }).first().waitFor();
      await page.getByText("Query contacts", { exact: true }).first().waitFor();
      await page.getByText("List the filterable and sortable fields").first().waitFor();
      await shot(page, "1-reference");
    });

    await check("a person authorizes with an API key and runs a query", async () => {
      // Authorize: the page's Authentication box (bearer token), as its introduction says.
      await page.getByPlaceholder("Token").first().fill(key);
      // "Test Request" on the operation opens Scalar's API client, which carries the token over.
      await page.getByRole("button", { name: /Test Request.*get \/org\/\{orgId\}\/contact\/query/s }).click();
      const client = page.getByRole("dialog").first();
      await client.waitFor();
      const token = client.getByPlaceholder("Token").first();
      assert((await token.inputValue()) === key, "the API client did not receive the key");

      await fillParameter(client, "orgId", org);
      await fillParameter(client, "q", '(= info.partner "AWS")');
      await fillParameter(client, "page_size", "3");
      await shot(page, "2-request");

      const [apiResponse] = await Promise.all([
        page.waitForResponse((response) => response.url().includes(`/org/${org}/contact/query`)),
        client.getByRole("button", { name: /^Send/ }).first().click(),
      ]);
      const url = new URL(apiResponse.url());
      assert(url.searchParams.get("q") === '(= info.partner "AWS")', `sent q=${url.searchParams.get("q")}`);
      assert(apiResponse.status() === 200, `the query answered ${apiResponse.status()}: ${await apiResponse.text()}`);
      const sent = (await apiResponse.request().allHeaders()).authorization;
      assert(sent === `Bearer ${key}`, `the request was sent with Authorization ${sent}`);
      const body = (await apiResponse.json()) as { data: { id: string; info: { partner?: string } }[] };
      assert(body.data.length === 3, `expected 3 contacts on the page, got ${body.data.length}`);
      assert(
        body.data.every((contact) => contact.info.partner === "AWS"),
        "a contact of another partner came back",
      );
      // The client shows what came back: the status and the body.
      await client.getByText("200 OK").first().waitFor();
      await client
        .getByText(body.data[0]?.id ?? "no contact")
        .first()
        .waitFor();
      await page.waitForTimeout(500); // let the response panel's transition settle for the screenshot
      await shot(page, "3-response");
    });

    await check("the same person counts a filter's contacts by field values (facets)", async () => {
      await page.keyboard.press("Escape"); // closes the API client of the query
      await page.getByRole("dialog").first().waitFor({ state: "hidden" });
      // The reference renders operations as they come into view: go there from the sidebar first.
      await page.getByText("Count contacts by field values (facets)", { exact: true }).first().click();
      await page.getByRole("button", { name: /Test Request.*get \/org\/\{orgId\}\/contact\/facets/s }).click();
      const client = page.getByRole("dialog").first();
      await client.waitFor();
      await fillParameter(client, "orgId", org);
      await fillParameter(client, "q", '(= info.partner "AWS")');
      await fillParameter(client, "facet", "info.partner,tags");
      const [apiResponse] = await Promise.all([
        page.waitForResponse((response) => response.url().includes(`/org/${org}/contact/facets`)),
        client.getByRole("button", { name: /^Send/ }).first().click(),
      ]);
      assert(apiResponse.status() === 200, `the facets answered ${apiResponse.status()}: ${await apiResponse.text()}`);
      const body = (await apiResponse.json()) as {
        total_count: number;
        facets: Record<string, { value: unknown; count: number }[]>;
      };
      // Every matching contact has partner "AWS": one value, counting them all.
      assert(body.total_count > 0, "no contact matched the filter");
      const partner = body.facets["info.partner"];
      assert(
        partner?.length === 1 && partner[0]?.value === "AWS" && partner[0]?.count === body.total_count,
        `info.partner facet: ${JSON.stringify(partner)} for ${body.total_count} contacts`,
      );
      assert((body.facets.tags?.length ?? 0) > 0, "no tag counts came back");
      await client.getByText("200 OK").first().waitFor();
      await page.waitForTimeout(500); // let the response panel's transition settle for the screenshot
      await shot(page, "4-facets");
    });

    await check("the page made no request outside this machine (Scalar comes from its own origin)", async () => {
      assert(refused.length === 0, `requests refused: ${refused.join(", ")}`);
      assert(pageErrors.length === 0, `page errors: ${pageErrors.join("; ")}`);
    });
  } finally {
    await context?.close();
    await stopDev(dev);
    await rm(profile, { recursive: true, force: true });
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

/** Sets a parameter's value in the API client's tables (path variables, query parameters), as a person types it. */
async function fillParameter(client: Locator, name: string, value: string): Promise<void> {
  const row = client
    .getByRole("row")
    .filter({ has: client.page().locator("[aria-label$='Key']").getByText(name, { exact: true }) })
    .first();
  const editor = row.locator("[aria-label$='Value']").first();
  await editor.click();
  await client.page().keyboard.press("ControlOrMeta+a");
  await client.page().keyboard.press("Delete");
  await client.page().keyboard.type(value);
  const shown = (await editor.textContent())?.trim();
  assert(shown === value, `the ${name} field shows '${shown}', not '${value}'`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log(`\n${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  },
);
