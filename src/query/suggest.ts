/**
 * The candidate closest to `name` by edit distance (case-insensitive), for "did you mean" hints.
 *
 * The score is the edit distance less half the shared beginning (a common
 * prefix counts in the candidate's favour); the first candidate with the
 * lowest score wins. The work is bounded whatever the client sends:
 *
 * - a name more than twice as long as the longest candidate gets no
 *   suggestion (it is at least that many edits away from every candidate, so
 *   no candidate is a plausible spelling of it), and
 * - each distance is computed only as far as it could still beat the best
 *   score so far: within a band of the diagonal, stopping as soon as every
 *   cell of a row exceeds it.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const names = [...candidates];
  let longest = 0;
  for (const candidate of names) longest = Math.max(longest, candidate.length);
  if (name.length > 2 * longest) return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const target = name.toLowerCase();
  for (const candidate of names) {
    const lower = candidate.toLowerCase();
    const bonus = commonPrefix(target, lower) / 2;
    // The candidate wins only if its edit distance is below bestDistance + bonus.
    const limit = Math.min(Math.ceil(bestDistance + bonus) - 1, Math.max(target.length, lower.length));
    const distance = boundedLevenshtein(target, lower, limit);
    if (distance <= limit && distance - bonus < bestDistance) {
      best = candidate;
      bestDistance = distance - bonus;
    }
  }
  return best;
}

function commonPrefix(a: string, b: string): number {
  let length = 0;
  while (length < a.length && a[length] === b[length]) length += 1;
  return length;
}

/**
 * The edit distance of `a` and `b` when it is at most `limit`, else `limit + 1`.
 * Only cells within `limit` of the diagonal can hold a distance <= `limit`, so
 * only those are computed: O(limit * length) work, one row of the table at a time.
 */
export function boundedLevenshtein(a: string, b: string, limit: number): number {
  const over = limit + 1;
  if (limit < 0 || Math.abs(a.length - b.length) > limit) return over;
  const width = b.length;
  let previous = new Uint32Array(width + 2);
  let current = new Uint32Array(width + 2);
  for (let j = 0; j <= width + 1; j++) previous[j] = j <= limit ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const low = Math.max(1, i - limit);
    const high = Math.min(width, i + limit);
    current[low - 1] = low === 1 && i <= limit ? i : over;
    let rowMinimum = current[low - 1] as number;
    const char = a.charCodeAt(i - 1);
    for (let j = low; j <= high; j++) {
      const substitution = (previous[j - 1] as number) + (char === b.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1, over);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    current[high + 1] = over;
    if (rowMinimum > limit) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[width] as number, over);
}

/**
 * The words of a name: its dotted segments split at `_` and at camelCase
 * humps, lower-cased — `email_address` → `email`, `address`;
 * `info.cosellPartnerMetrics` → `info`, `cosell`, `partner`, `metrics`.
 */
export function wordsOf(name: string): string[] {
  return name
    .split(/[._]|(?<=[a-z0-9])(?=[A-Z])/)
    .filter((word) => word !== "")
    .map((word) => word.toLowerCase());
}

/** The most edits a name of this length may be from a word and still be taken for a misspelling of it. */
function typoBudget(length: number): number {
  return length <= 3 ? 1 : length <= 6 ? 2 : 3;
}

/**
 * The candidate one of whose words (or whose whole name) `name` is a
 * misspelling of, within `typoBudget` edits (a transposition counts one);
 * the closest wins, a whole name before a word at the same distance, and
 * the first candidate among equals. `emial` → `email_address`.
 */
export function closestByWords(name: string, candidates: Iterable<string>): string | undefined {
  const target = name.toLowerCase();
  const budget = typoBudget(target.length);
  let best: string | undefined;
  let bestScore = budget + 1;
  for (const candidate of candidates) {
    const whole = transpositionDistance(target, candidate.toLowerCase(), budget);
    let score = whole;
    for (const word of wordsOf(candidate)) {
      // A word match counts half an edit more than the whole name at the same distance.
      score = Math.min(score, transpositionDistance(target, word, budget) + 0.5);
    }
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The optimal-string-alignment distance (Levenshtein plus adjacent
 * transpositions) when it is at most `limit`, else `limit + 1`; strings whose
 * lengths differ by more than `limit` are not compared at all.
 */
function transpositionDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] as number[];
      let value = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    rows.push(row);
  }
  return Math.min((rows[a.length] as number[])[b.length] as number, limit + 1);
}

/**
 * The field name closest to `name` among `names` (a scope's fields), for
 * "did you mean" hints. A name without dots is first taken for a misspelling
 * of a top-level name or of one of its words (`emial` → `email_address`),
 * then of the last segment of a path (`seniorty` →
 * `info.enrichedContactInfo.info.seniority`); a dotted name first for a
 * misspelling of a whole path (`info.companyNam`), then its last segment for
 * one of a path's. Otherwise the closest by edit distance (`closestName`).
 */
export function closestField(name: string, names: readonly string[]): string | undefined {
  const shallow = names.filter((candidate) => !candidate.includes("."));
  const deep = names.filter((candidate) => candidate.includes("."));
  const closest = closestName(name, names);
  if (!name.includes(".")) return closestByWords(name, shallow) ?? closestLeaf(name, deep) ?? closest;
  const budget = typoBudget(name.length);
  if (closest && boundedLevenshtein(name.toLowerCase(), closest.toLowerCase(), budget) <= budget) return closest;
  return closestLeaf(leafOf(name), deep) ?? closest;
}

function leafOf(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

/** The first path whose last segment `leaf` is a misspelling of (or is). */
function closestLeaf(leaf: string, paths: readonly string[]): string | undefined {
  const leaves = paths.map(leafOf);
  const match = closestByWords(leaf, leaves);
  return match === undefined ? undefined : paths[leaves.indexOf(match)];
}
