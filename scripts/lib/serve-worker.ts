import { join } from "node:path";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from "wrangler";
import { REPO_ROOT } from "./paths.ts";
import type { ServeReport, ServeRequest } from "./served-worker.ts";

/**
 * The child process of served-worker.ts: waits for its request on the IPC
 * channel, then serves the built bundle with Miniflare, with the bindings
 * wrangler.toml declares (read by wrangler's own
 * `unstable_getMiniflareWorkerOptions`, which also reads the project's
 * `.dev.vars`, else `.env`, as wrangler dev does) and the request's vars over
 * them. Miniflare stops workerd and exits on SIGTERM/SIGINT.
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
        },
      ],
      host: request.ip,
      port: request.port,
    });
    await miniflare.ready;
    report({});
  } catch (error) {
    report({ error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
});
