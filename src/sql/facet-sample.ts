/**
 * @module `count=estimated` in the facets statement (facets.ts): exact up to
 * the bound, a sample of the table past it — in the same one statement.
 *
 * 1. `bounded`: the matches counted up to one past the bound, with
 *    `writeBoundedCount` (the query endpoint's rule: exact when at most the
 *    bound match; past it a first estimate of at least bound + 1, from a
 *    small fixed sample).
 * 2. `sampling`: past the bound, the share of the table's blocks to read so
 *    that about SAMPLE_TARGET matches are drawn. When that share is more than
 *    MAX_SAMPLE_PERCENT, sampling would read nearly as much as counting every
 *    match (and could not use an index), so the counts stay exact.
 * 3. `sampled`: the matches among the rows of a `TABLESAMPLE SYSTEM` of that
 *    share of the blocks (REPEATABLE: the same data gives the same sample,
 *    the same answer and the same ETag); `matching` (facets.ts) is the exact
 *    rows. Each is gated by a condition computed before it (an InitPlan), so
 *    the one not taken is never read.
 * 4. `scaling`: past the bound, the estimated total — the sample's matches
 *    scaled by the share read, or, when stats made the statement read every
 *    match anyway, their exact count — and the factor each sampled count is
 *    multiplied by (total / matches in the sample), so a field's estimated
 *    counts add up to the total.
 *
 * Why blocks and these sizes: docs/decisions/0011-estimated-facets.md.
 */
import type { FilterNode } from "../query/ast.ts";
import { EXACT_COUNT_BOUND } from "../query/count.ts";
import { type Condition, writeBoundedCount } from "./count.ts";
import { TABLE } from "./fields.ts";
import { integer, type SqlWriter, type TrustedSql, trusted } from "./writer.ts";

/** Matches a sample aims to draw past the bound. */
export const SAMPLE_TARGET = 60_000;
/** The largest share of the table (percent) worth sampling; above it, counts are exact. */
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
}

/** What the rest of the statement reads from the estimate (each an InitPlan: computed once). */
export interface Sample {
  /** Whether every count is exact: true within the bound, or when the sample would be too large. */
  readonly exact: TrustedSql;
  /** What a count drawn from `counted` rows is multiplied by (1 when exact). */
  readonly scale: TrustedSql;
  /** `total_count`. */
  readonly total: TrustedSql;
  /** Writes `,\nscaling AS …` (after `matching`, which it counts when `measured`: stats read every match). */
  writeScaling(w: SqlWriter, measured: boolean): void;
}

/**
 * Writes `bounded`, `sampling` and `sampled` and the comma after them; `sampled`
 * writes the sampled rows' SELECT from `from` (the table's sample) with `gate`.
 */
export function writeSampleCtes(
  w: SqlWriter,
  parts: {
    tenant: Condition;
    where: Condition;
    filter: FilterNode | null;
    options: SampleOptions;
    sampled: (w: SqlWriter, from: TrustedSql, gate: TrustedSql) => void;
  },
): Sample {
  const bound = parts.options.exactCountBound ?? EXACT_COUNT_BOUND;
  const target = integer(parts.options.sampleTarget ?? SAMPLE_TARGET);
  const past = integer(bound + 1);
  w.sql`bounded AS MATERIALIZED (\n  SELECT bounded.total_exact, bounded.total_count FROM (SELECT) AS one`;
  writeBoundedCount(w, { tenant: parts.tenant, where: parts.where, filter: parts.filter, bound });
  w.sql`\n),\nsampling AS MATERIALIZED (\n  SELECT NOT total_exact AND percent <= ${integer(parts.options.maxSamplePercent ?? MAX_SAMPLE_PERCENT)} AS sampled, percent`;
  w.sql`\n  FROM (SELECT total_exact, least(100, 100.0 * ${target} / nullif(total_count, 0))::float4 AS percent FROM bounded) AS sizing\n),`;
  w.sql`\nsampled AS MATERIALIZED (\n  `;
  const seed = integer(parts.options.sampleSeed ?? 0);
  parts.sampled(w, trusted`${TABLE} TABLESAMPLE SYSTEM ((SELECT percent FROM sampling)) REPEATABLE (${seed})`, SAMPLED);
  w.sql`\n),\n`;
  return {
    exact: trusted`NOT ${SAMPLED}`,
    scale: trusted`(SELECT scale FROM scaling)`,
    total: trusted`(SELECT total FROM scaling)`,
    writeScaling(w, measured) {
      const estimate = measured
        ? trusted`(SELECT count(*) FROM matching)`
        : trusted`round(drawn.n * 100 / sampling.percent)::int8`;
      w.sql`,\nscaling AS MATERIALIZED (\n  SELECT CASE WHEN sampled THEN greatest(${past}, estimate) ELSE (SELECT count(*) FROM matching) END::int8 AS total,`;
      w.sql`\n    CASE WHEN sampled AND n > 0 THEN estimate::float8 / n ELSE 1 END AS scale`;
      w.sql`\n  FROM (SELECT sampling.sampled, drawn.n, ${estimate} AS estimate FROM sampling, (SELECT count(*) AS n FROM sampled) AS drawn) AS sized\n)`;
    },
  };
}

const SAMPLED = trusted`(SELECT sampled FROM sampling)`;
