import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { freePort } from "../../scripts/dev/net.ts";
import { REPO_ROOT } from "../../scripts/dev/paths.ts";
import { commandLines, processesUnder } from "../../scripts/dev/processes.ts";

/**
 * `npm run serve` end to end: the bundle `wrangler deploy` would upload, served
 * by Miniflare on the test database, with its static assets and bindings;
 * its secrets on no process's command line; Ctrl-C stops everything in order.
 */
describe("npm run serve", () => {
  it("runs the Miniflare version wrangler itself runs (an upgrade of wrangler moves both)", () => {
    const manifest = (path: string) => JSON.parse(readFileSync(join(REPO_ROOT, path), "utf8"));
    expect(manifest("package.json").devDependencies.miniflare).toBe(
      manifest("node_modules/wrangler/package.json").dependencies.miniflare,
    );
  });

  it("serves the built Worker, keeps secrets off command lines, and stops cleanly on Ctrl-C", async () => {
    const port = await freePort();
    const databaseUrl = inject("databaseUrl");
    const child = spawn("npm", ["run", "serve"], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group, as a terminal's Ctrl-C reaches it
    });
    const output = collect(child);
    try {
      await output.waitFor(/press Ctrl-C to stop/, 90_000);
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/openapi.json`)).status).toBe(200);
      const docs = await fetch(`${base}/docs/scalar.js`); // a static asset, served before the Worker
      expect(docs.status).toBe(200);
      await docs.arrayBuffer();
      const unauthenticated = await fetch(`${base}/org/org_alpha/contact/query`);
      expect(unauthenticated.status).toBe(401);

      // workerd runs under this very command; the connection string, nor its user and password,
      // is on any process's command line.
      expect(processesUnder(child.pid as number, "workerd").length).toBeGreaterThan(0);
      const { username, password } = new URL(databaseUrl);
      expect(commandLines().filter((line) => line.includes(`${username}:${password}@`))).toEqual([]);
    } finally {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGINT");
    }
    // npm itself ends by the signal; the launcher under it shuts down in order first.
    await output.exited;
    expect(output.text()).toMatch(/\[dev\] stopping the built Worker \(Miniflare\)…\n\[dev\] stopped\./);
  }, 120_000);
});

function collect(child: ChildProcess) {
  let text = "";
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const wake of waiters) wake();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    text: () => text,
    exited,
    waitFor(pattern: RegExp, timeoutMs: number): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`not seen within ${timeoutMs} ms: ${pattern}\n${text}`)),
          timeoutMs,
        );
        const check = () => {
          if (!pattern.test(text)) return;
          clearTimeout(timer);
          resolve();
        };
        waiters.push(check);
        void exited.then(() => {
          clearTimeout(timer);
          if (!pattern.test(text)) reject(new Error(`exited before ${pattern}:\n${text}`));
        });
        check();
      });
    },
  };
}
