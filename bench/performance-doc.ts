import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readResults } from "./lib/results.ts";

/**
 * @module `npm run docs:performance`: writes the tables of docs/performance.md
 * between their markers from the latest results of each benchmark
 * (bench/results/<benchmark>.json), each under a line naming the command that
 * printed it, when and under which load. With `--check` (`npm run docs:check`)
 * it only verifies they are current, for CI: a results file committed without
 * its tables fails.
 *
 * Figures are written as their ratio to the run's floor first (`×6.1`), the
 * milliseconds after it: the ratio is what carries to another machine.
 */
const DOC = fileURLToPath(new URL("../docs/performance.md", import.meta.url));

// ---- the results files' shapes (what the scripts write; older runs lack the newer fields) ----

interface Run {
  command?: string;
  /** Set when the figures were copied from a run's printed output rather than written by it. */
  transcribed?: string;
  measuredAt: string;
  commit: string;
  node: string;
  cpus: number;
  cpuModel: string;
  loadAverage?: { start: number | null; end: number | null };
}
interface Floor {
  about: string;
  medianMs: number;
  databaseMs?: number;
  startMs?: number;
  endMs?: number;
}
interface CpuCase {
  name: string;
  medianMs: number;
  p99Ms: number;
  floor?: { about: string; medianMs: number };
  ratio?: number | null;
  targetMs?: number;
  p99BoundMs?: number;
  ok?: boolean;
  bytes?: number;
  outcome?: string;
}
interface CpuResults extends Run {
  targets?: { gcAllowanceMs: number; adversarialMedianMs: number };
  passed?: boolean;
  translation: CpuCase[];
  requests: CpuCase[];
  adversarial?: CpuCase[];
}
interface Measured {
  medianMs: number;
  totalCount: number | null;
  totalExact: boolean;
  jit: boolean;
  ratio?: number | null;
}
type Mode = "none" | "estimated" | "exact";
interface PlansResults extends Run {
  runs: number;
  targetMs: number;
  floor?: Floor;
  queries: { name: string; about: string; pageSize: number; modes: Partial<Record<Mode, Measured>> }[];
  page2: { name: string; withCount: Measured; countKnown: Measured }[];
}
interface PageTimes {
  medianMs: number;
  p90Ms: number;
  maxMs: number;
  firstTenthMedianMs: number;
  lastTenthMedianMs: number;
  over20: number;
}
interface WalkResults extends Run {
  floor?: Floor;
  walks: (PageTimes & {
    name: string;
    about: string;
    pageSize: number;
    pages: number;
    rows: number;
    duplicates: number;
    database: PageTimes;
    ratio?: { database: number | null; roundTrip: number | null };
  })[];
}
interface SearchResults extends Run {
  runs: number;
  count: string;
  baseline: string;
  queries: {
    name: string;
    about: string;
    search?: string;
    q?: string;
    medianMs: number;
    totalCount: number;
    totalExact: boolean;
  }[];
  wordsPerRow: { rows: number; microseconds: number };
  indexBytes: number;
}

interface FacetsResults extends Run {
  runs: number;
  fields: string;
  facets: {
    name: string;
    q: string;
    matches: number;
    medianMs: number;
    goalMs: number;
    floor?: Floor;
    ratio?: number;
  }[];
  pages: { name: string; dataBytes: number; medianMs: number; floor?: Floor; ratio?: number }[];
  /** The goals of stats, histograms and `count=estimated` (absent from runs before they existed). */
  estimated?: { exactMs: number; estimatedMs: number; speedup: number };
  accuracy?: { worst: number; seeds: number; filters: { exact: boolean }[] };
  together?: { aloneMs: number; togetherMs: number; ratio: number };
  histogram?: { rawMs: number; histogramMs: number; ratio: number };
  stats?: { aloneExactMs: number; aloneEstimatedMs: number; withFacetsExactMs: number; withFacetsEstimatedMs: number };
}
interface ExportResults extends Run {
  localRuntime: string;
  driver: string;
  export: {
    rows: number;
    bytes: number | null;
    seconds: number;
    firstByteMs: number;
    workerdCpuSeconds: number;
    workerdRssMiB: { before: number; peakByRows: { rows: number; peakMiB: number; seconds: number | null }[] };
  };
  floor: { about: string; rows: number; seconds: number };
  ratio: number;
}
interface Layer {
  medianMs: number;
}
interface LocalStackResults extends Run {
  localRuntime: string;
  requests: number;
  queries: {
    name: string;
    raw: Layer;
    rawTransaction: Layer;
    endpoint: Layer;
    miss: Layer;
    missServerTiming: { db: number; total: number };
    hit: Layer;
    workerdCpuMsPerMiss: number;
    workerdCpuMsPerHit: number;
    missMinusRawMs: number;
    ratio: { missToRaw: number; hitToRaw: number };
  }[];
}
interface Load {
  n: number;
  rps: number;
  p50: number;
  p99: number;
}
interface Load1mResults extends Run {
  localRuntime: string;
  connections: number;
  geometricMeans: { queries: number; missToRawP50: number; hitToMissRps: number };
  queries: {
    name: string;
    miss: Load & { workerTotalP50: number };
    raw: Load;
    hit: Load;
    errors: number;
    ratio: { missToRawP50: number; hitToMissRps: number | null };
  }[];
}
interface StorageResults extends Run {
  runs: number;
  storages: {
    about: string;
    compressedPercent: number;
    tableBytes: string;
    totalBytes: string;
    recheck: number;
    render: number;
    ratio: { recheck: number; render: number };
  }[];
}
interface BundleResults extends Run {
  minifiedKiB: number;
  gzipKiB: number;
  budgetKiB: number;
  byOrigin: { origin: string; minifiedKiB: number; share: number }[];
}

// ---- formatting ----

const known = (value: number | null | undefined): value is number =>
  typeof value === "number" && Number.isFinite(value);

/** Milliseconds with the precision they have: 0.063, 1.24, 19.3, 2303. */
function ms(value: number | null | undefined): string {
  if (!known(value)) return "-";
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 0.1) return value.toFixed(2);
  return value.toFixed(3);
}

/** `×6.1`, `×0.45`, `×21`. */
function times(value: number | null | undefined): string {
  if (!known(value)) return "-";
  return `×${value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2)}`;
}

/** A figure as the tables state it: its ratio to the floor, then its milliseconds (the ratio left out when unknown). */
function figure(ratio: number | null | undefined, valueMs: number | null | undefined): string {
  return known(ratio) ? `${times(ratio)} (${ms(valueMs)} ms)` : `${ms(valueMs)} ms`;
}

function table(header: string[], rows: string[][]): string[] {
  const cell = (text: string) => text.replaceAll("|", "\\|");
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ];
}

/** The line above a benchmark's tables: the command, when, on what, under which load. */
function measured(name: string, run: Run): string[] {
  const date = run.measuredAt.slice(0, 10);
  const load = run.loadAverage;
  const loadText =
    load && known(load.start)
      ? `, load average ${load.start}${known(load.end) ? ` → ${load.end}` : ""}`
      : ", load average not recorded";
  const lines = [
    `\`${run.command ?? `npm run bench:${name}`}\` · measured ${date} (code at ${run.commit}), ` +
      `Node ${run.node}, ${run.cpus} × ${run.cpuModel}${loadText}.`,
  ];
  if (run.transcribed) lines.push(`Figures transcribed ${run.transcribed}.`);
  return lines;
}

function floorLine(floor: Floor | undefined, what = "floor"): string {
  if (!floor)
    return `No ${what} was recorded by this run (it predates the floors): the ratios appear with the next run.`;
  const drift =
    known(floor.startMs) && known(floor.endMs)
      ? ` (${ms(floor.startMs)} ms at the start, ${ms(floor.endMs)} at the end)`
      : "";
  const database = known(floor.databaseMs) ? `, ${ms(floor.databaseMs)} ms of it in the database` : "";
  return `Floor: ${floor.about}: ${ms(floor.medianMs)} ms round trip${database}${drift}.`;
}

// ---- one block per benchmark ----

function cpuBlock(r: CpuResults): string[] {
  const translation = table(
    ["case", "median / floor (CPU ms)", "p99 CPU ms", "floor", "median target", "p99 bound", "met"],
    r.translation.map((c) => [
      c.name,
      figure(c.ratio, c.medianMs),
      ms(c.p99Ms),
      c.floor ? `${c.floor.about} (${ms(c.floor.medianMs)} ms)` : "-",
      c.targetMs === undefined ? "-" : `< ${c.targetMs}`,
      c.p99BoundMs === undefined ? "-" : `< ${c.p99BoundMs}`,
      c.ok === undefined ? "-" : c.ok ? "yes" : "**no**",
    ]),
  );
  const requests = table(
    ["request", "median / floor (CPU ms)", "p99 CPU ms", "floor"],
    r.requests.map((c) => [
      c.name,
      figure(c.ratio, c.medianMs),
      ms(c.p99Ms),
      c.floor ? `${c.floor.about} (${ms(c.floor.medianMs)} ms)` : "-",
    ]),
  );
  const lines = [...measured("cpu", r), "", ...translation, "", ...requests];
  const adversarial = r.adversarial ?? [];
  if (adversarial.length > 0) {
    const missed = adversarial.filter((c) => c.ok === false);
    const slowest = [...adversarial].sort((a, b) => b.medianMs - a.medianMs).slice(0, 3);
    lines.push(
      "",
      `Adversarial set: ${adversarial.length} hostile inputs, ` +
        (missed.length === 0
          ? `all within their targets (median < ${r.targets?.adversarialMedianMs} ms, p99 < ${
              (r.targets?.adversarialMedianMs ?? 0) + (r.targets?.gcAllowanceMs ?? 0)
            } ms)`
          : `**${missed.length} over their targets**: ${missed.map((c) => c.name).join("; ")}`) +
        `. The three slowest by median:`,
      "",
      ...table(
        ["input", "bytes", "outcome", "median CPU ms", "p99 CPU ms"],
        slowest.map((c) => [c.name, String(c.bytes ?? "-"), c.outcome ?? "", ms(c.medianMs), ms(c.p99Ms)]),
      ),
    );
  }
  return lines;
}

const MODES: Mode[] = ["none", "estimated", "exact"];

function plansBlock(r: PlansResults): string[] {
  const goal = (m: Measured | undefined) => (m ? (m.medianMs < r.targetMs ? "yes" : "**no**") : "-");
  const lines = [
    ...measured("plans", r),
    `Median of ${r.runs} runs through \`pg\`. ${floorLine(r.floor)}`,
    "",
    ...table(
      [
        "query",
        "total_count",
        ...MODES.map((mode) => `${mode}: ×floor (ms)`),
        `none < ${r.targetMs} ms`,
        `estimated < ${r.targetMs} ms`,
      ],
      r.queries.map((q) => {
        const shown = q.modes.exact ?? q.modes.estimated ?? q.modes.none;
        return [
          q.name,
          String(shown?.totalCount ?? "-"),
          ...MODES.map((mode) => {
            const m = q.modes[mode];
            return m ? `${figure(m.ratio, m.medianMs)}${m.jit ? " JIT" : ""}` : "-";
          }),
          goal(q.modes.none),
          goal(q.modes.estimated),
        ];
      }),
    ),
  ];
  const estimates = r.queries.filter((q) => q.modes.estimated && q.modes.exact && !q.modes.estimated.totalExact);
  if (estimates.length > 0) {
    lines.push(
      "",
      "`count=estimated` past the bound, against the exact count (every count up to 10,000 was exact):",
      "",
      ...table(
        ["query", "true count", "estimate", "error"],
        estimates.map((q) => {
          const truth = q.modes.exact?.totalCount ?? 0;
          const estimate = q.modes.estimated?.totalCount ?? 0;
          return [q.name, String(truth), String(estimate), `${(((estimate - truth) / truth) * 100).toFixed(1)}%`];
        }),
      ),
    );
  }
  if (r.page2.length > 0) {
    lines.push(
      "",
      "Page 2 by token of the three slowest exact queries, with its exact count and with the count known (cached):",
      "",
      ...table(
        ["query", "with its count", "count known"],
        r.page2.map((p) => [
          p.name,
          figure(p.withCount.ratio, p.withCount.medianMs),
          figure(p.countKnown.ratio, p.countKnown.medianMs),
        ]),
      ),
    );
  }
  return lines;
}

function walkBlock(r: WalkResults): string[] {
  const pageSize = r.walks[0]?.pageSize ?? 1000;
  return [
    ...measured("walk", r),
    floorLine(r.floor),
    "",
    ...table(
      [
        "walk",
        "pages",
        "in the database: median",
        "p90 ms",
        "max ms",
        "first / last tenth ms",
        "pages ≥ 20 ms",
        "round trip: median",
      ],
      r.walks.map((w) => [
        `${w.name}: ${w.about}`,
        String(w.pages),
        figure(w.ratio?.database, w.database.medianMs),
        ms(w.database.p90Ms),
        ms(w.database.maxMs),
        `${ms(w.database.firstTenthMedianMs)} / ${ms(w.database.lastTenthMedianMs)}`,
        String(w.database.over20),
        figure(w.ratio?.roundTrip, w.medianMs),
      ]),
    ),
    "",
    `Pages of ${pageSize}; ${r.walks.every((w) => w.duplicates === 0) ? "every contact came exactly once" : "**duplicates found**"}.`,
  ];
}

function facetsBlock(r: FacetsResults): string[] {
  const floors = [...new Set([...r.facets, ...r.pages].map((f) => f.floor?.about).filter((a) => a !== undefined))];
  return [
    ...measured("facets", r),
    `Median of ${r.runs} runs through \`pg\`; fields: ${r.fields
      .split(",")
      .map((f) => `\`${f}\``)
      .join(", ")}, limit 10.` +
      (floors.length > 0 ? ` Floors: ${floors.join("; ")}.` : " No floor was recorded by this run."),
    "",
    ...table(
      ["facets", "matches", "median / floor", "floor ms", "goal"],
      r.facets.map((f) => [
        f.name,
        String(f.matches),
        figure(f.ratio, f.medianMs),
        ms(f.floor?.medianMs),
        `${f.medianMs < f.goalMs ? "met" : "**missed**"} (< ${f.goalMs} ms)`,
      ]),
    ),
    "",
    ...table(
      ["1000-row page, newest first, count=none", "data bytes", "median / floor", "floor ms"],
      r.pages.map((p) => [p.name, String(p.dataBytes), figure(p.ratio, p.medianMs), ms(p.floor?.medianMs)]),
    ),
    ...facetGoalsBlock(r),
  ];
}

/** Stats, histograms and `count=estimated` against their goals: each a ratio of two statements timed interleaved. */
function facetGoalsBlock(r: FacetsResults): string[] {
  const { estimated, accuracy, together, histogram, stats } = r;
  if (!estimated || !accuracy || !together || !histogram || !stats) return [];
  const goal = (met: boolean, text: string) => `${met ? "met" : "**missed**"} (${text})`;
  const estimatedCount = accuracy.filters.filter((f) => !f.exact).length;
  return [
    "",
    ...table(
      ["goal", "measured", "result"],
      [
        [
          "5 facets, whole organization: `count=estimated` against `count=exact`",
          `${ms(estimated.estimatedMs)} against ${ms(estimated.exactMs)} ms: ${estimated.speedup.toFixed(1)}× faster`,
          goal(estimated.speedup >= 20, "≥ 20×"),
        ],
        [
          `accuracy of \`count=estimated\` over ${accuracy.filters.length} filters (${estimatedCount} estimated)`,
          `worst error ${(100 * accuracy.worst).toFixed(1)}% (values holding ≥ 1% of the matches)`,
          goal(accuracy.worst <= 0.1, "≤ 10%"),
        ],
        [
          "5 facets + 3 stats + 2 histograms against the 5 facets alone, selective filter",
          `${ms(together.togetherMs)} against ${ms(together.aloneMs)} ms: ${together.ratio.toFixed(2)}×`,
          goal(together.ratio <= 1.2, "≤ 1.2×"),
        ],
        [
          "`histogram=creation_time:month`, whole organization, against a raw `GROUP BY`",
          `${ms(histogram.histogramMs)} against ${ms(histogram.rawMs)} ms: ${histogram.ratio.toFixed(2)}×`,
          goal(histogram.ratio <= 1.5, "≤ 1.5×"),
        ],
      ],
    ),
    "",
    `Stats on three \`info\` numbers over the whole organization: ${ms(stats.aloneExactMs)} ms exact, ` +
      `${ms(stats.aloneEstimatedMs)} ms with \`count=estimated\` (statistics stay exact); with the five facets ` +
      `${ms(stats.withFacetsExactMs)} and ${ms(stats.withFacetsEstimatedMs)} ms.`,
  ];
}

function exportBlock(r: ExportResults): string[] {
  const e = r.export;
  const perSecond = (rows: number, seconds: number) => Math.round(rows / seconds).toLocaleString("en");
  return [
    ...measured("export", r),
    `Under \`npm run ${r.localRuntime}\`, driver mode \`${r.driver}\`. Floor: ${r.floor.about}.`,
    "",
    ...table(
      ["path", "rows", "seconds", "contacts/s", "/ floor", "first byte ms", "workerd CPU s"],
      [
        [
          "export (NDJSON)",
          String(e.rows),
          e.seconds.toFixed(1),
          perSecond(e.rows, e.seconds),
          times(r.ratio),
          ms(e.firstByteMs),
          e.workerdCpuSeconds.toFixed(1),
        ],
        [
          "COPY of the same rows",
          String(r.floor.rows),
          r.floor.seconds.toFixed(1),
          perSecond(r.floor.rows, r.floor.seconds),
          "×1",
          "-",
          "-",
        ],
      ],
    ),
    "",
    `workerd's resident memory: ${e.workerdRssMiB.before} MiB before, peak ` +
      e.workerdRssMiB.peakByRows.map((m) => `${m.peakMiB} MiB by ${m.rows.toLocaleString("en")} rows`).join(", ") +
      `; ${((e.workerdCpuSeconds / e.rows) * 1e6).toFixed(0)} µs of workerd CPU per contact.`,
  ];
}

function localStackBlock(r: LocalStackResults): string[] {
  return [
    ...measured("local-stack", r),
    `Under \`npm run ${r.localRuntime}\`, one request at a time, medians of ${r.requests}; the floor is the raw statement through \`pg\`.`,
    "",
    ...table(
      [
        "query",
        "raw ms",
        "endpoint ms",
        "Worker db / total ms",
        "miss / raw (ms)",
        "miss − raw ms",
        "hit / raw (ms)",
        "workerd CPU ms: miss / hit",
      ],
      r.queries.map((q) => [
        q.name,
        ms(q.raw.medianMs),
        ms(q.endpoint.medianMs),
        `${q.missServerTiming.db} / ${q.missServerTiming.total}`,
        figure(q.ratio.missToRaw, q.miss.medianMs),
        ms(q.missMinusRawMs),
        figure(q.ratio.hitToRaw, q.hit.medianMs),
        `${ms(q.workerdCpuMsPerMiss)} / ${ms(q.workerdCpuMsPerHit)}`,
      ]),
    ),
  ];
}

function loadBlock(r: Load1mResults): string[] {
  const g = r.geometricMeans;
  return [
    ...measured("load-1m", r),
    `Under \`npm run ${r.localRuntime}\`, ${r.connections} connections; the floor (raw) runs the misses' own statements through a \`pg\` pool at the same concurrency.`,
    `Geometric means over the ${g.queries} queries of the set: miss p50 / raw p50 ${times(g.missToRawP50)}, hit req/s / miss req/s ${times(g.hitToMissRps)}.`,
    "",
    ...table(
      [
        "query",
        "miss p50 / raw p50 (ms)",
        "raw p50 ms",
        "miss p99 ms",
        "miss req/s",
        "hit p50 ms",
        "hit req/s",
        "hit / miss req/s",
        "errors",
      ],
      r.queries.map((q) => [
        q.name,
        figure(q.ratio.missToRawP50, q.miss.p50),
        ms(q.raw.p50),
        ms(q.miss.p99),
        q.miss.rps.toFixed(0),
        q.hit.n > 0 ? ms(q.hit.p50) : "-",
        q.hit.n > 0 ? q.hit.rps.toFixed(0) : "-",
        times(q.ratio.hitToMissRps),
        String(q.errors),
      ]),
    ),
  ];
}

function storageBlock(r: StorageResults): string[] {
  const mib = (bytes: string) => (Number(bytes) / 2 ** 20).toFixed(0);
  return [
    ...measured("storage", r),
    `Execution time, median of ${r.runs}; ratios to the storage migration 0006 chose (in the row, pglz).`,
    "",
    ...table(
      ["storage of info", "documents compressed", "table MiB", "with indexes MiB", "recheck", "render"],
      r.storages.map((s) => [
        s.about,
        `${s.compressedPercent}%`,
        mib(s.tableBytes),
        mib(s.totalBytes),
        figure(s.ratio.recheck, s.recheck),
        figure(s.ratio.render, s.render),
      ]),
    ),
  ];
}

/** Each search as a ratio to the indexed equality timed beside it, and to the `icontains` filter over the same fields. */
function searchBlock(r: SearchResults): string[] {
  const byName = new Map(r.queries.map((q) => [q.name, q]));
  const baseline = byName.get(r.baseline);
  const ratio = (value: number | undefined) =>
    baseline && value !== undefined ? value / baseline.medianMs : undefined;
  return [
    ...measured("search", r),
    `Database time (planning + execution), median of ${r.runs}, \`count=${r.count}\`, the 600k organization; ` +
      `ratios to \`${r.baseline}\` (${baseline?.about ?? "-"}), timed in the same rounds.`,
    "",
    ...table(
      ["search", "what", `median / ${r.baseline}`, "`icontains` filter / search", "total_count"],
      r.queries
        .filter((q) => q.search !== undefined)
        .map((q) => {
          const icontains = byName.get(`${q.name}:icontains`);
          return [
            `\`${q.search}\``,
            q.about,
            figure(ratio(q.medianMs), q.medianMs),
            icontains ? `${times(icontains.medianMs / q.medianMs)} (${ms(icontains.medianMs)} ms)` : "-",
            `${q.totalCount}${q.totalExact ? "" : " (estimate)"}`,
          ];
        }),
    ),
    "",
    `Computing a contact's words (the index's function, paid per row by any scan that does not read the index): ` +
      `${r.wordsPerRow.microseconds.toFixed(1)} µs a row; \`contacts_search_idx\`: ${(r.indexBytes / 2 ** 20).toFixed(0)} MiB.`,
  ];
}

function bundleBlock(r: BundleResults): string[] {
  return [
    ...measured("bundle", r),
    `dist/index.js: ${r.minifiedKiB} KiB minified, **${r.gzipKiB} KiB gzip** (budget ${r.budgetKiB} KiB). The largest origins, minified:`,
    "",
    ...table(
      ["origin", "KiB", "share"],
      r.byOrigin.slice(0, 6).map((o) => [o.origin, o.minifiedKiB.toFixed(1), `${(o.share * 100).toFixed(0)}%`]),
    ),
  ];
}

// ---- the document ----

// biome-ignore lint/suspicious/noExplicitAny: each block reads its own file's shape
const BLOCKS: Record<string, (results: any) => string[]> = {
  cpu: cpuBlock,
  plans: plansBlock,
  walk: walkBlock,
  facets: facetsBlock,
  search: searchBlock,
  export: exportBlock,
  "local-stack": localStackBlock,
  "load-1m": loadBlock,
  storage: storageBlock,
  bundle: bundleBlock,
};

function block(name: string): string[] {
  const results = readResults<Run>(name);
  if (!results) return [`_No results yet: run \`npm run bench:${name}\`._`];
  return (BLOCKS[name] as (results: Run) => string[])(results);
}

function renderDoc(doc: string): string {
  let out = doc;
  for (const name of Object.keys(BLOCKS)) {
    const begin = `<!-- ${name}:begin (generated by \`npm run docs:performance\` from bench/results/${name}.json; do not edit by hand) -->`;
    const end = `<!-- ${name}:end -->`;
    const start = out.indexOf(begin);
    const stop = out.indexOf(end);
    if (start < 0 || stop < start) throw new Error(`the ${name} markers are missing from ${DOC}`);
    out = `${out.slice(0, start)}${[begin, "", ...block(name), "", end].join("\n")}${out.slice(stop + end.length)}`;
  }
  return out;
}

const doc = readFileSync(DOC, "utf8");
const updated = renderDoc(doc);
if (process.argv.includes("--check")) {
  if (updated !== doc) {
    console.error("docs/performance.md is out of date with bench/results: run `npm run docs:performance`");
    process.exit(1);
  }
  console.log("docs/performance.md generated tables are current");
} else {
  writeFileSync(DOC, updated);
  console.log("wrote the tables of docs/performance.md from bench/results");
}
