import { connect, createServer } from "node:net";
import { setTimeout as delay } from "node:timers/promises";

/** Fails early with a clear message instead of letting wrangler pick another port behind our back. */
export async function assertPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `port ${port} on ${host} is already in use; set PORT to another one (PORT=8788 npm run dev)`
            : `cannot listen on ${host}:${port}: ${error.message}`,
        ),
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** Polls until the URL gives any HTTP response (the Worker is up), or the deadline passes. */
export async function waitForHttp(url: string, timeoutMs: number, stillRunning: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && stillRunning()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      return true;
    } catch {
      await delay(150);
    }
  }
  return false;
}

/**
 * Checks that a TCP server answers before the driver tries it: through the
 * bridge, a refused connection would only surface as "Connection terminated
 * unexpectedly", which does not say what to fix.
 */
export async function assertReachable(host: string, port: number, what: string, timeoutMs = 5000): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const fail = (reason: string) => {
      socket.destroy();
      reject(new Error(`cannot reach ${what} at ${host}:${port} (${reason}); is it running, and is the URL right?`));
    };
    socket.once("connect", () => {
      socket.end();
      resolve();
    });
    socket.once("timeout", () => fail(`no answer within ${timeoutMs / 1000} s`));
    socket.once("error", (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
  });
}

/** A TCP port free on 127.0.0.1 right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}
