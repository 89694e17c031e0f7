import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Minimum versions for advisories that touch this design, checked against the
 * lock file (what `npm ci` installs), independent of the audit service:
 * - drizzle-orm >= 0.45.2: identifier escaping fix;
 * - hono >= 4.13.5: query-string cache-key issue.
 */
const FLOORS: Record<string, string> = {
  "drizzle-orm": "0.45.2",
  hono: "4.13.5",
};

const lock = JSON.parse(readFileSync(fileURLToPath(new URL("../../package-lock.json", import.meta.url)), "utf8")) as {
  packages: Record<string, { version?: string }>;
};

const compare = (a: string, b: string) => {
  const [x, y] = [a.split(/[.-]/).map(Number), b.split(/[.-]/).map(Number)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
};

let failed = false;
for (const [name, floor] of Object.entries(FLOORS)) {
  const installed = Object.entries(lock.packages)
    .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
    .map(([, entry]) => entry.version ?? "0.0.0");
  if (installed.length === 0) {
    console.error(`${name}: not in package-lock.json`);
    failed = true;
  }
  for (const version of installed) {
    const ok = compare(version, floor) >= 0;
    console.log(`${ok ? "ok  " : "FAIL"} ${name} ${version} (floor ${floor})`);
    if (!ok) failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
