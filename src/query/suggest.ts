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
