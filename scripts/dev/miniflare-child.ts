import { join } from "node:path";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from "wrangler";
import type { ServeReport, ServeRequest } from "./miniflare-worker.ts";
import { REPO_ROOT } from "./paths.ts";

/**
 * The child process of miniflare-worker.ts: waits for its request on the IPC
 * channel, then serves the built bundle with Miniflare, with the bindings
 * wrangler.toml declares (read by wrangler's own
 * `unstable_getMiniflareWorkerOptions`, which also reads the project's
 * `.dev.vars`, else `.env`, as wrangler dev does) and the request's vars over
 * them. Miniflare stops workerd and exits on SIGTERM/SIGINT.
 *
 * The address it serves is a socket of workerd's own bound to the Worker (with
 * its static assets in front, as at the edge), not Miniflare's entry Worker:
 * that one rebuilds every request and response to emulate what Cloudflare's
 * front line does, which costs a local request ~1–2 ms (docs/performance.md,
 * "The local stack"). The entry Worker still listens, on a free port of the
 * same address, for Miniflare's own use. One thing it did is left to the
 * client: without it, no `CF-Connecting-IP` header is added, so local
 * requests share one address for the per-address rate limit.
 */
process.once("message", async (request: ServeRequest) => {
  const report = (message: ServeReport) => process.send?.(message);
  try {
    const configPath = join(REPO_ROOT, "wrangler.toml");
    const { workerOptions } = unstable_getMiniflareWorkerOptions(configPath);
    const { name } = unstable_readConfig({ config: configPath });
    const miniflare = new Miniflare({
      workers: [
        {
          ...workerOptions,
          name,
          modules: true,
          // Module names are paths relative to this root (the default, the working directory, is not above the bundle).
          modulesRoot: request.outdir,
          scriptPath: join(request.outdir, "index.js"),
          bindings: { ...workerOptions.bindings, ...request.vars },
          unsafeDirectSockets: [{ host: request.ip, port: request.port }],
        },
      ],
      host: request.ip,
      port: 0,
    });
    await miniflare.ready;
    report({});
  } catch (error) {
    report({ error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
});
