/**
 * @module How `total_count` is computed: exactly, exactly up to a bound and
 * estimated above it, or not at all (`count=`).
 */
export const COUNT_MODES = ["exact", "estimated", "none"] as const;
export type CountMode = (typeof COUNT_MODES)[number];

/** `count=estimated` counts exactly up to this many matches; above it, an estimate of at least this plus one. */
export const EXACT_COUNT_BOUND = 10_000;

/** A count as answered: `total` (null when not counted) and whether it is exact. */
export interface Count {
  total: number | null;
  exact: boolean;
}
