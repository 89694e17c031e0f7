import pg from "pg";
import { cpuSeconds, processesUnder, residentKib } from "../scripts/dev/processes.ts";
import { generateApiKey, hashApiKey } from "../src/auth/api-key.ts";
import { writeContactJson } from "../src/sql/contact-json.ts";
import { SqlWriter } from "../src/sql/writer.ts";
import { copyOut } from "./lib/copy-out.ts";
import { LOCAL_RUNTIME, startDevService } from "./lib/dev-service.ts";
import { benchDatabaseUrl } from "./lib/pg.ts";
import { BENCH_ORG } from "./lib/query-set.ts";
import { ratio, startEnvironment, times, writeResults } from "./lib/results.ts";
import { printTable } from "./lib/table.ts";

/**
 * `npm run bench:export`: exports the 600,000 contacts of `org_bench_big` (the
 * 1M-contact database, docs/performance.md "Setup") as NDJSON in the default
 * order (newest first) through the local stack — `npm run serve` on DATABASE_URL
 * (LOCAL_RUNTIME=dev: `npm run dev`; bench/lib/dev-service.ts): the Worker in
 * workerd, Neon's HTTP mode through the local SQL-over-HTTP endpoint — and reads
 * the stream as a client would, counting lines.
 *
 * It prints the Worker process's (workerd's) resident memory at the start and
 * its peak up to 10k, 100k and 600k rows (sampled every 50 ms), the time to
 * the first byte, the throughput in contacts/s and MB/s, and workerd's CPU
 * time; then the floor: `COPY (SELECT <the same contact JSON> … ORDER BY the
 * same keys) TO STDOUT` of the same rows through `pg`, and the export's time as
 * a ratio to it. Writes bench/results/export.json.
 *
 * Environment: DATABASE_URL (required), PORT (8797), DB_DRIVER (`http`, the
 * default, or `ws`: the Worker's driver mode, passed to the service), LOCAL_RUNTIME (`serve`, the
 * default, or `dev`).
 */
const DATABASE_URL = benchDatabaseUrl();
const PORT = Number(process.env.PORT ?? 8797);
const MARKS = [10_000, 100_000, 600_000];

const mib = (kib: number) => (kib / 1024).toFixed(0);

async function exportThroughWorker(baseUrl: string, apiKey: string, servicePid: number) {
  const workerd = processesUnder(servicePid, "workerd");
  if (workerd.length === 0) throw new Error("no workerd process found under the service");
  const rss = () => workerd.reduce((sum, pid) => sum + residentKib(pid), 0);
  const cpu = () => workerd.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const baseline = rss();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 50);
  const cpuBefore = cpu();
  const started = performance.now();
  const response = await fetch(`${baseUrl}/org/${BENCH_ORG}/contact/export`, {
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  if (response.status !== 200 || !response.body) {
    clearInterval(sampler);
    throw new Error(`export answered ${response.status}: ${await response.text()}`);
  }
  const reader = response.body.getReader();
  let firstByte = 0;
  let lines = 0;
  let bytes = 0;
  const marks: { rows: number; peakMib: string; seconds: string }[] = [];
  let next = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (firstByte === 0) firstByte = performance.now() - started;
    bytes += value.length;
    for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines += 1;
    while (next < MARKS.length && lines >= (MARKS[next] as number)) {
      peak = Math.max(peak, rss());
      marks.push({
        rows: MARKS[next] as number,
        peakMib: mib(peak),
        seconds: ((performance.now() - started) / 1000).toFixed(1),
      });
      next += 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rss());
  // The peak over the whole export, when it ended between marks (a smaller organization's).
  if (marks.at(-1)?.rows !== lines) marks.push({ rows: lines, peakMib: mib(peak), seconds: seconds.toFixed(1) });
  return {
    lines,
    bytes,
    seconds,
    firstByte,
    baseline,
    peak,
    marks,
    cpu: cpu() - cpuBefore,
  };
}

async function copyFloor(client: pg.Client) {
  const json = new SqlWriter();
  writeContactJson(json);
  // COPY takes no parameters: the organization is this benchmark's own constant, quoted.
  const text =
    `COPY (SELECT ${json.toQuery().sql}::text FROM "contacts" WHERE "contacts"."organization_id" = '${BENCH_ORG.replaceAll("'", "''")}' ` +
    `ORDER BY "contacts"."creation_time" DESC NULLS LAST, ("contacts"."id" COLLATE "C") ASC) TO STDOUT`;
  const started = performance.now();
  const { bytes, lines } = await copyOut(client, text);
  return { bytes, lines, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const environment = startEnvironment();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const service = await startDevService(DATABASE_URL, PORT, "export");
  const apiKey = generateApiKey();
  const keyHash = await hashApiKey(apiKey);
  try {
    await client.query("INSERT INTO api_keys (key_hash, organization_id, label) VALUES ($1, $2, 'bench:export')", [
      keyHash,
      BENCH_ORG,
    ]);
    // Warm-up: the key's verdict cached, the Worker compiled, the table's pages read once.
    const warm = await fetch(`${service.baseUrl}/org/${BENCH_ORG}/contact/query?page_size=1`, {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    await warm.text();
    const floor = await copyFloor(client);
    console.log(`COPY floor: ${floor.lines} rows in ${floor.seconds.toFixed(1)} s`);
    const worker = await exportThroughWorker(service.baseUrl, apiKey, service.pid);
    console.log(`export: ${worker.lines} rows in ${worker.seconds.toFixed(1)} s`);
    printTable(
      ["rows read by the client", "workerd peak RSS so far (MiB)", "elapsed s"],
      [["0 (before)", mib(worker.baseline), "0"], ...worker.marks.map((m) => [String(m.rows), m.peakMib, m.seconds])],
    );
    printTable(
      ["path", "rows", "MB", "seconds", "contacts/s", "MB/s", "first byte ms", "workerd CPU s"],
      [
        [
          `export (NDJSON) through npm run ${LOCAL_RUNTIME}`,
          String(worker.lines),
          (worker.bytes / 1e6).toFixed(0),
          worker.seconds.toFixed(1),
          (worker.lines / worker.seconds).toFixed(0),
          (worker.bytes / 1e6 / worker.seconds).toFixed(1),
          worker.firstByte.toFixed(0),
          worker.cpu.toFixed(1),
        ],
        [
          "COPY (same rows, same JSON) TO STDOUT through pg",
          String(floor.lines),
          (floor.bytes / 1e6).toFixed(0),
          floor.seconds.toFixed(1),
          (floor.lines / floor.seconds).toFixed(0),
          (floor.bytes / 1e6 / floor.seconds).toFixed(1),
          "-",
          "-",
        ],
      ],
    );
    const driver = process.env.DB_DRIVER || "http";
    console.log(
      `\nRSS: the sum over the workerd processes under the service (the runtime, not only the isolate's heap); ` +
        `DB_DRIVER=${driver}`,
    );
    const exportRatio = ratio(worker.seconds, floor.seconds);
    console.log(`export / COPY: ${times(exportRatio)} the time of COPY for the same rows`);
    const file = writeResults(
      "export",
      {
        ...environment.finish(),
        localRuntime: LOCAL_RUNTIME,
        driver,
        organization: BENCH_ORG,
        export: {
          rows: worker.lines,
          bytes: worker.bytes,
          seconds: worker.seconds,
          firstByteMs: worker.firstByte,
          workerdCpuSeconds: worker.cpu,
          workerdRssMiB: {
            before: Number(mib(worker.baseline)),
            peakByRows: worker.marks.map((m) => ({
              rows: m.rows,
              peakMiB: Number(m.peakMib),
              seconds: Number(m.seconds),
            })),
          },
        },
        floor: {
          about: "COPY (SELECT <the same contact JSON> … ORDER BY the same keys) TO STDOUT through pg",
          rows: floor.lines,
          bytes: floor.bytes,
          seconds: floor.seconds,
        },
        ratio: exportRatio,
      },
      ["DB_DRIVER", "LOCAL_RUNTIME"],
    );
    console.log(`figures: ${file}`);
    if (worker.lines !== floor.lines) {
      console.error(`the export has ${worker.lines} rows, COPY ${floor.lines}`);
      process.exitCode = 1;
    }
  } finally {
    await client.query("UPDATE api_keys SET revoked_at = now() WHERE key_hash = $1", [keyHash]).catch(() => undefined);
    await client.end();
    await service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
