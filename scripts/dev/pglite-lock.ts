import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/**
 * PGlite is single-process and does not lock its data folder: two processes
 * opening it at once would corrupt it. So every script that opens the embedded
 * database takes this lock file first (O_EXCL create), and a second one gets a
 * clear error instead. A lock left by a crashed process (its pid is gone) is
 * taken over.
 */
export class DatabaseInUseError extends Error {}

export interface Lock {
  release(): void;
}

export function acquireLock(path: string, purpose: string): Lock {
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(path);
          } catch {
            // already gone: nothing to release
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(path);
      if (holder && isAlive(holder.pid)) {
        throw new DatabaseInUseError(
          `the embedded database (.data/pglite) is in use by process ${holder.pid} (${holder.purpose}).\n` +
            "PGlite allows one process at a time: stop `npm run dev` first, or point DATABASE_URL at a server Postgres.",
        );
      }
      unlinkSync(path); // stale: its owner is gone
    }
  }
  throw new DatabaseInUseError(`could not lock ${path}`);
}

function readHolder(path: string): { pid: number; purpose: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { pid?: unknown; purpose?: unknown };
    if (typeof parsed.pid !== "number") return undefined;
    return { pid: parsed.pid, purpose: String(parsed.purpose ?? "unknown") };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
