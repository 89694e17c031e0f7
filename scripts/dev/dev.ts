import { parseArgs } from "node:util";
import { runMain, UsageError } from "../cli.ts";
import { describeReport } from "../db/migration-report.ts";
import { databaseIdentity } from "./database-identity.ts";
import { checkExample, exampleCurl, exampleUrl } from "./example-request.ts";
import type { LocalWorker } from "./local-worker.ts";
import { serveBuiltWorker } from "./miniflare-worker.ts";
import { assertPortFree, waitForHttp } from "./net.ts";
import { type DevData, prepareDevData } from "./prepare-dev-data.ts";
import { openTarget, type Target } from "./target.ts";
import { startWranglerDev } from "./wrangler-dev.ts";

/**
 * `npm run dev`: a database (embedded PGlite in .data/pglite, or DATABASE_URL)
 * migrated and, for the embedded one, seeded with demo data, behind the
 * WebSocket bridge; then `wrangler dev` pointed at it. `npm run serve` (the
 * same with --serve): the deployed bundle in workerd instead, without
 * wrangler dev's reloads and inspector (miniflare-worker.ts). Ctrl-C stops it all.
 */
const USAGE = `usage: npm run dev [-- --seed]
       npm run serve [-- --seed]

Without DATABASE_URL: runs on the embedded PGlite database in .data/pglite,
seeded with demo contacts on first run; the demo API keys are kept in
.data/demo-keys.json and printed on every start.
With DATABASE_URL: uses that Postgres, applies pending migrations and leaves
the data alone.

  --seed    (re)load the demo organizations' contacts (same as DEMO_SEED=1);
            other organizations are never touched
  --serve   (npm run serve) run the Worker as \`wrangler deploy\` builds it, in
            workerd through Miniflare, instead of \`wrangler dev\`: no reload on
            change and no DevTools, but none of wrangler dev's per-request
            overhead (what the benchmarks measure)

Environment: PORT (default 8787), DATABASE_URL, DEMO_SEED=1,
DB_DRIVER=http|ws (how the Worker reaches the database; default http).
"ready in N ms" is measured from the start of this process.`;

const HOST = "127.0.0.1";
const READY_TIMEOUT_MS = 60_000;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: "boolean", default: false },
      serve: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = Number(process.env.PORT || 8787);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`PORT must be a port number, not '${process.env.PORT}'`);
  await assertPortFree(port, HOST);

  const stop = onStopSignal();
  let target: Target | undefined;
  let worker: LocalWorker | undefined;
  const runtime = values.serve ? "the built Worker (Miniflare)" : "wrangler dev";
  try {
    target = await openTarget({ purpose: "npm run dev", databaseUrl: process.env.DATABASE_URL });
    log(`database: ${target.label} (open after ${Math.round(performance.now())} ms)`);
    const data = await prepareDevData(target, values.seed || process.env.DEMO_SEED === "1");
    const cacheNamespace = await databaseIdentity(target.pool);
    await target.pool.end(); // the Worker opens its own connections
    reportData(data);
    // The local cache (kept by wrangler dev in .wrangler/ across runs; by Miniflare in memory) is keyed by
    // this database's identity, so pages and verified keys of another database are never served.
    log(`edge cache namespace: ${cacheNamespace} (this database's identity)`);
    log(`starting ${runtime} after ${Math.round(performance.now())} ms`);
    if (stop.requested()) return 0;

    const start = values.serve ? serveBuiltWorker : startWranglerDev;
    worker = await start({
      port,
      ip: HOST,
      // Never on a command line (wrangler dev: a private env file; Miniflare: IPC): the connection string and the bridge's token are secrets.
      vars: {
        DATABASE_URL: target.database.databaseUrl,
        // HTTP mode (one fetch per query) as in production; DB_DRIVER=ws for the WebSocket mode.
        DB_DRIVER: process.env.DB_DRIVER || "http",
        DB_HTTP_ENDPOINT: target.database.bridge.httpEndpoint,
        DB_WS_PROXY: target.database.wsProxy,
        DB_BRIDGE_TOKEN: target.database.bridge.token,
        CACHE_NAMESPACE: cacheNamespace,
        // The local cache outlives this process, and with it the pages' next_page_token: sign tokens with a key
        // that lives as long (not the default, derived from DATABASE_URL, whose port changes on every start).
        PAGE_TOKEN_SECRET: `local-cache:${cacheNamespace}`,
      },
    });
    const baseUrl = `http://${HOST}:${port}`;
    const running = worker.running;
    const ready = await Promise.race([waitForHttp(`${baseUrl}/`, READY_TIMEOUT_MS, running), stop.promise]);
    if (stop.requested()) return 0;
    if (!ready) {
      if (!running()) return await worker.exited;
      throw new Error(`the Worker did not answer on ${baseUrl} within ${READY_TIMEOUT_MS / 1000} s`);
    }
    const readyMs = Math.round(performance.now());
    await printBanner(baseUrl, data, readyMs);

    const outcome = await Promise.race([worker.exited, stop.promise.then(() => "stop" as const)]);
    if (outcome === "stop") return 0;
    log(`${runtime} exited with code ${outcome}; shutting down`);
    return outcome;
  } finally {
    if (worker) log(`stopping ${runtime}…`);
    await worker?.stop();
    await target?.close();
    log("stopped.");
  }
}

function reportData(data: DevData): void {
  log(`migrations: ${describeReport(data.migration)}`);
  if (data.seeded) {
    const counts = Object.entries(data.seeded).map(([org, n]) => `${org}=${n}`);
    log(`seeded demo contacts: ${counts.join(", ")}`);
  }
  if (data.createdKeys.length > 0)
    log(`created demo API keys for ${data.createdKeys.join(", ")} (.data/demo-keys.json)`);
}

async function printBanner(baseUrl: string, data: DevData, readyMs: number): Promise<void> {
  const org = data.exampleOrganization ?? "<orgId>";
  const url = exampleUrl(baseUrl, org);
  const lines = ["", `✔ contact query API ready in ${readyMs} ms at ${baseUrl}`];
  const key = data.keys?.[org];
  if (data.keys && key) {
    lines.push("", "demo API keys (.data/demo-keys.json):");
    const width = Math.max(...Object.keys(data.keys).map((organization) => organization.length));
    for (const [organization, demoKey] of Object.entries(data.keys)) {
      lines.push(`  ${organization.padEnd(width)}  ${demoKey}`);
    }
    const check = await checkExample(url, key);
    lines.push("", `try it (self-check: ${check.summary}):`, `  ${exampleCurl(url, key)}`);
  } else {
    lines.push(
      "",
      "create an API key for an organization with:",
      `  npm run apikey:create -- ${org}`,
      "then:",
      `  ${exampleCurl(url, "<key>")}`,
    );
  }
  lines.push("", `interactive docs (authorize with a key above, then Test Request): ${baseUrl}/docs`);
  lines.push(`contacts explorer (an organization and its key above): ${baseUrl}/explore`);
  lines.push("", "press Ctrl-C to stop", "");
  console.log(lines.join("\n"));
}

/**
 * The first SIGINT/SIGTERM/SIGHUP asks for an orderly shutdown. One Ctrl-C
 * often arrives more than once (the terminal signals the whole process group,
 * and npm and tsx relay it to their child too), so repeats within a moment are
 * the same request; a later one means "now": exit at once (wrangler's process
 * group is still killed on exit).
 */
const REPEAT_WINDOW_MS = 2000;

function onStopSignal(): { promise: Promise<void>; requested(): boolean } {
  let requestedAt: number | undefined;
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (requestedAt === undefined) {
        requestedAt = Date.now();
        log(`${signal} received: shutting down (repeat after ${REPEAT_WINDOW_MS / 1000} s to force)`);
        resolve();
      } else if (Date.now() - requestedAt > REPEAT_WINDOW_MS) {
        log(`${signal} again: exiting immediately`);
        process.exit(1);
      }
    });
  }
  return { promise, requested: () => requestedAt !== undefined };
}

function log(message: string): void {
  console.error(`[dev] ${message}`);
}

runMain(main);
