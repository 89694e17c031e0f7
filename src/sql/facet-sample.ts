/**
 * @module `count=estimated` in the facets statement (facets.ts): exact up to
 * the bound, a sample of the table past it — in the same one statement.
 *
 * 1. `head`: the first matches, at most one past the bound, with every field
 *    the statement reads. Within the bound these are all the matches, and
 *    what the facets, stats and histograms read.
 * 2. `bounded`: the matches counted up to one past the bound with
 *    `writeBoundedCount` (the query endpoint's rule, and its shortcut: when a
 *    filter on columns alone already has more matches than the bound, the
 *    filter itself is not counted); a filter is counted from `head`, so its
 *    matches are read once. Past the bound a first estimate, of at least
 *    bound + 1, from a small fixed sample.
 * 3. `sampling`: past the bound, the share of the table's rows to draw so
 *    that about SAMPLE_TARGET matches are drawn. When that share is more than
 *    MAX_SAMPLE_PERCENT, drawing it (every page of the table is visited, and
 *    no index narrows it) costs about as much as reading every match, so the
 *    counts stay exact.
 * 4. `sampled`: the matches among a `TABLESAMPLE BERNOULLI` of that share of
 *    the table's rows: each row drawn on its own, so contacts stored next to
 *    each other (created together) are not drawn together, as whole blocks
 *    (SYSTEM) would draw them. REPEATABLE: the same data gives the same
 *    sample, the same answer and the same ETag.
 * 5. `matching` (facets.ts): past the bound, every match — when the counts
 *    stay exact, or when stats (always exact) read them.
 * 6. `scaling`: the total — within the bound the count, past it the exact
 *    count when every match was read, else the sample's matches scaled by the
 *    share read — and the factor each sampled count is multiplied by
 *    (total / matches drawn), so a field's estimated counts add up to it.
 *
 * Each of `head`, `sampled` and `matching` is gated by a condition computed
 * before it (an InitPlan): the ones not needed are never read (a CTE nobody
 * reads is not run at all, and a false one-time filter stops the scan).
 *
 * Why rows, not blocks, and these sizes: docs/decisions/0015-estimated-facets.md.
 */
import type { FilterNode } from "../query/ast.ts";
import { EXACT_COUNT_BOUND } from "../query/count.ts";
import { type Condition, writeBoundedCount } from "./count.ts";
import { TABLE } from "./fields.ts";
import { integer, type SqlWriter, type TrustedSql, trusted } from "./writer.ts";

/** Matches a sample aims to draw past the bound. */
export const SAMPLE_TARGET = 100_000;
/** The largest share of the matches (percent) worth sampling; above it, counts are exact. */
export const MAX_SAMPLE_PERCENT = 25;

export interface SampleOptions {
  /** EXACT_COUNT_BOUND unless set (tests set a small one). */
  readonly exactCountBound?: number;
  /** SAMPLE_TARGET unless set. */
  readonly sampleTarget?: number;
  /** MAX_SAMPLE_PERCENT unless set. */
  readonly maxSamplePercent?: number;
  /** The sample's seed, 0 unless set (the benchmark draws others to measure the estimate's spread). */
  readonly sampleSeed?: number;
  /** BERNOULLI (rows) unless set; the benchmark compares SYSTEM (blocks). */
  readonly sampleMethod?: "bernoulli" | "system";
}

/** What the rest of the statement reads from the estimate (each an InitPlan: computed once). */
export interface Sample {
  /** Whether every count is exact: true within the bound, or when the sample would be too large. */
  readonly exact: TrustedSql;
  /** `matching`'s gate: past the bound, and (unless stats read it) not sampled. */
  matchingGate(measured: boolean): TrustedSql;
  /** `matching`'s fields that only facets and histograms read are NULL unless this holds. */
  readonly countedOnlyIf: TrustedSql;
  /** Every match's j-th field (for stats), as a FROM item `counted`. */
  exactRows(j: number): TrustedSql;
  /** The rows facets and histograms count: every match, or the sample's. */
  countedRows(j: number): TrustedSql;
  /** What a count drawn from `countedRows` is multiplied by (1 when exact). */
  readonly scale: TrustedSql;
  /** `total_count`. */
  readonly total: TrustedSql;
  /** Writes `,\nscaling AS …` (after `matching`, whose rows are every match past the bound when `measured`). */
  writeScaling(w: SqlWriter, measured: boolean): void;
}

/**
 * Writes `head`, `bounded`, `sampling` and `sampled`, and the comma after
 * them. `rows` writes the SELECT of the matching rows' fields from `from`
 * (the table, or its sample), with `gate` and `limit` when given.
 */
export function writeSampleCtes(
  w: SqlWriter,
  parts: {
    tenant: Condition;
    where: Condition;
    filter: FilterNode | null;
    options: SampleOptions;
    head: (w: SqlWriter, limit: TrustedSql) => void;
    sampled: (w: SqlWriter, from: TrustedSql, gate: TrustedSql) => void;
  },
): Sample {
  const { options } = parts;
  const bound = options.exactCountBound ?? EXACT_COUNT_BOUND;
  const target = integer(options.sampleTarget ?? SAMPLE_TARGET);
  const past = integer(bound + 1);
  const maxPercent = integer(options.maxSamplePercent ?? MAX_SAMPLE_PERCENT);
  w.sql`head AS MATERIALIZED (\n  `;
  parts.head(w, past);
  w.sql`\n),\nbounded AS MATERIALIZED (\n  SELECT bounded.total_exact, bounded.total_count FROM (SELECT) AS one`;
  // A filter is counted from `head`, whose rows are the answer's within the bound: counting them apart would
  // visit each match twice (its heap row, and for a filter on `info` its document). No filter is counted from
  // the organization's index alone (an index-only scan), far cheaper than `head`'s documents.
  const count = parts.filter ? HEAD_COUNT : undefined;
  writeBoundedCount(w, { tenant: parts.tenant, where: parts.where, filter: parts.filter, bound, count });
  w.sql`\n),\nsampling AS MATERIALIZED (\n  SELECT NOT total_exact AND percent <= ${maxPercent} AS sampled, percent`;
  w.sql`\n  FROM (SELECT total_exact, least(100, 100.0 * ${target} / nullif(total_count, 0))::float4 AS percent FROM bounded) AS sizing\n),`;
  w.sql`\nsampled AS MATERIALIZED (\n  `;
  const seed = integer(options.sampleSeed ?? 0);
  const method = options.sampleMethod === "system" ? trusted`SYSTEM` : trusted`BERNOULLI`;
  parts.sampled(
    w,
    trusted`${TABLE} TABLESAMPLE ${method} ((SELECT percent FROM sampling)) REPEATABLE (${seed})`,
    SAMPLED,
  );
  w.sql`\n),\n`;
  const column = (j: number) => trusted`f${integer(j)}`;
  return {
    exact: trusted`NOT ${SAMPLED}`,
    matchingGate: (measured) => (measured ? trusted`NOT ${WITHIN}` : trusted`NOT ${WITHIN} AND NOT ${SAMPLED}`),
    countedOnlyIf: trusted`NOT ${SAMPLED}`,
    exactRows: (j) =>
      trusted`(SELECT ${column(j)} FROM head WHERE ${WITHIN} UNION ALL SELECT ${column(j)} FROM matching) AS counted`,
    countedRows: (j) =>
      trusted`(SELECT ${column(j)} FROM head WHERE ${WITHIN} UNION ALL SELECT ${column(j)} FROM matching WHERE NOT ${SAMPLED} UNION ALL SELECT ${column(j)} FROM sampled) AS counted`,
    scale: trusted`(SELECT scale FROM scaling)`,
    total: trusted`(SELECT total FROM scaling)`,
    writeScaling(w, measured) {
      const estimate = measured
        ? trusted`(SELECT count(*) FROM matching)`
        : trusted`round(drawn.n * 100 / sampling.percent)::int8`;
      w.sql`,\nscaling AS MATERIALIZED (\n  SELECT CASE WHEN sampled THEN greatest(${past}, estimate) WHEN ${WITHIN} THEN (SELECT total_count FROM bounded)`;
      w.sql` ELSE (SELECT count(*) FROM matching) END::int8 AS total,`;
      w.sql`\n    CASE WHEN sampled AND n > 0 THEN estimate::float8 / n ELSE 1 END AS scale`;
      w.sql`\n  FROM (SELECT sampling.sampled, drawn.n, CASE WHEN sampling.sampled THEN ${estimate} END AS estimate`;
      w.sql` FROM sampling, (SELECT count(*) AS n FROM sampled) AS drawn) AS sized\n)`;
    },
  };
}

const SAMPLED = trusted`(SELECT sampled FROM sampling)`;
const HEAD_COUNT = trusted`(SELECT count(*) FROM head)`;
const WITHIN = trusted`(SELECT total_exact FROM bounded)`;
