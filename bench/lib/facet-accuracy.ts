import type pg from "pg";
import { parseFacetQuery } from "../../src/query/facet-request.ts";
import type { FacetQuery } from "../../src/query/facets.ts";
import { type FacetOptions, facetsStatement } from "../../src/sql/facets.ts";
import { median } from "./results.ts";

/**
 * The accuracy of `count=estimated` on the facets endpoint, as its promise
 * states it: an estimated count of a value that holds at least 1% of the
 * matches is within ±10% of its exact count. For each filter (each matching
 * more than 10,000 contacts of the 600k organization), the estimated answer
 * is compared with the exact one, value by value, for every facet value and
 * histogram bucket that holds at least 1% of the exact matches. With several
 * seeds the sample is drawn again and again, to show the spread one fixed
 * seed hides.
 */

/** Filters matching more than 10,000 of the 600k organization's contacts (how many: bench/lib/bench-data.ts). */
export const ACCURACY_FILTERS: readonly string[] = [
  "",
  '(not (has tags "do-not-contact"))',
  '(> creation_time "2024-01-01")',
  '(not (= info.partner "AWS"))',
  '(< creation_time "2025-01-01")',
  '(= info.enrichedContactInfo.status "active")',
  '(has tags "customer")',
  '(between creation_time "2024-01-01" "2024-12-31")',
  '(has tags "partner")',
  '(in info.enrichedContactInfo.country ("US" "GB"))',
  '(= info.partner "AWS")',
  '(and (has tags "customer") (> creation_time "2024-06-01"))',
  "(exists info.cosellPartnerMetrics.successRate)",
  '(ilike email_address "%.com")',
  "(= info.enrichedContactInfo.info.isPrimary true)",
  '(has tags "lead")',
  '(ilike name "a%")',
  "(>= info.cosellPartnerMetrics.successRate 50)",
  '(has tags "newsletter")',
  '(has info.cosellPartnerMetrics.industries "Software")',
];

export const ACCURACY_FACETS =
  "info.partner,tags,info.enrichedContactInfo.status,info.cosellPartnerMetrics.industries,info.enrichedContactInfo.info.isPrimary";
export const ACCURACY_HISTOGRAMS = "creation_time:month,info.cosellPartnerMetrics.successRate:10";

/** The counts of one answer: per facet or histogram, per value (as JSON text). */
export type AnswerCounts = Map<string, Map<string, number>>;

type Row = Record<string, unknown>;

/** An answer's facet and histogram counts, from the statement's row (as the service assembles them). */
export function answerCounts(query: FacetQuery, row: Row): AnswerCounts {
  const out: AnswerCounts = new Map();
  query.fields.forEach(({ field }, i) => {
    const values = JSON.parse(String(row[`facet_${i}`])) as { value: unknown; count: number }[];
    out.set(`facet ${field.name}`, new Map(values.map(({ value, count }) => [JSON.stringify(value), count])));
  });
  (query.histograms ?? []).forEach(({ key }, i) => {
    const buckets = JSON.parse(String(row[`histogram_${i}`])) as { key: unknown; count: number }[];
    out.set(`histogram ${key}`, new Map(buckets.map(({ key, count }) => [JSON.stringify(key), count])));
  });
  return out;
}

export interface WorstError {
  /** Largest |estimated - exact| / exact among the values holding at least 1% of the matches. */
  relative: number;
  /** Which value: `facet info.partner "AWS"`. */
  where: string;
  /** How many values held at least 1%. */
  checked: number;
}

/**
 * The worst relative error of `estimated` against `exact` over the values
 * that hold at least `share` of `total` exact matches (a value missing from
 * the estimate counts as 0: a 100% error).
 */
export function worstError(exact: AnswerCounts, estimated: AnswerCounts, total: number, share = 0.01): WorstError {
  let worst: WorstError = { relative: 0, where: "-", checked: 0 };
  for (const [list, values] of exact) {
    const guesses = estimated.get(list);
    for (const [value, count] of values) {
      if (count < share * total) continue;
      const relative = Math.abs((guesses?.get(value) ?? 0) - count) / count;
      worst = {
        relative: Math.max(worst.relative, relative),
        where: relative >= worst.relative ? `${list} ${value}` : worst.where,
        checked: worst.checked + 1,
      };
    }
  }
  return worst;
}

export interface FilterAccuracy {
  q: string;
  matches: number;
  /** The estimated answer's (seed 0). */
  exact: boolean;
  estimatedTotal: number;
  checked: number;
  /** Worst error with seed 0 (the service's), and where. */
  worst: number;
  where: string;
  /** Worst and median of the worst errors over every seed. */
  worstOfSeeds: number;
  medianOfSeeds: number;
  /** Seeds whose every value ≥ 1% was within ±10%. */
  held: number;
  exactMs: number;
  /** Median over the seeds. */
  estimatedMs: number;
}

/**
 * Runs each filter exactly once and estimated once per seed (0 first: the
 * service's), with `facets` (limit 100, so every value is there) and
 * `histograms`; returns each filter's figures.
 */
export async function measureAccuracy(
  client: pg.Client,
  organizationId: string,
  parts: { filters: readonly string[]; seeds: number; options: FacetOptions; facets?: string; histograms?: string },
): Promise<FilterAccuracy[]> {
  const out: FilterAccuracy[] = [];
  for (const q of parts.filters) {
    const input = {
      qs: "lisp" as const,
      q,
      facet: parts.facets ?? ACCURACY_FACETS,
      histogram: parts.histograms ?? ACCURACY_HISTOGRAMS,
      limit: 100,
    };
    const exactQuery = parseFacetQuery(input);
    const estimatedQuery = parseFacetQuery({ ...input, count: "estimated" });
    const exact = facetsStatement(organizationId, exactQuery).toQuery();
    const started = performance.now();
    const truthRow = (await client.query(exact.sql, exact.params)).rows[0] as Row;
    const exactMs = performance.now() - started;
    const total = Number(truthRow.total_count);
    const truth = answerCounts(exactQuery, truthRow);
    const errors: number[] = [];
    const times: number[] = [];
    let first: (WorstError & { row: Row }) | undefined;
    for (let seed = 0; seed < parts.seeds; seed++) {
      const s = facetsStatement(organizationId, estimatedQuery, { ...parts.options, sampleSeed: seed }).toQuery();
      const t = performance.now();
      const row = (await client.query(s.sql, s.params)).rows[0] as Row;
      times.push(performance.now() - t);
      const worst = worstError(truth, answerCounts(estimatedQuery, row), total);
      errors.push(worst.relative);
      first ??= { ...worst, row };
    }
    out.push({
      q,
      matches: total,
      exact: first?.row.exact === true,
      estimatedTotal: Number(first?.row.total_count),
      checked: first?.checked ?? 0,
      worst: errors[0] ?? 0,
      where: first?.where ?? "",
      worstOfSeeds: Math.max(...errors),
      medianOfSeeds: median(errors),
      held: errors.filter((error) => error <= 0.1).length,
      exactMs,
      estimatedMs: median(times),
    });
  }
  return out;
}
