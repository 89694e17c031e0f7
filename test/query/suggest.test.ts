import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundedLevenshtein, closestName } from "../../src/query/suggest.ts";

/** The textbook edit distance, the whole table: what the bounded one must agree with. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** closestName without its bounds: every distance in full. */
function unboundedClosest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const a = name.toLowerCase();
    const b = candidate.toLowerCase();
    let prefix = 0;
    while (prefix < a.length && a[prefix] === b[prefix]) prefix += 1;
    const score = levenshtein(a, b) - prefix / 2;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

const word = fc.string({ unit: fc.constantFrom(..."abcAB._"), maxLength: 12 });

describe("boundedLevenshtein", () => {
  it("is the edit distance when within the limit, else limit + 1", () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: -1, max: 14 }), (a, b, limit) => {
        const distance = levenshtein(a, b);
        expect(boundedLevenshtein(a, b, limit)).toBe(distance <= limit ? distance : limit + 1);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("closestName", () => {
  it("picks what the unbounded search picks, for names up to twice the longest candidate", () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), word, (candidates, name) => {
        const longest = Math.max(...candidates.map((c) => c.length));
        fc.pre(name.length <= 2 * longest);
        expect(closestName(name, candidates)).toBe(unboundedClosest(name, candidates));
      }),
      { numRuns: 5000 },
    );
  });

  it("suggests nothing for a name more than twice as long as every candidate", () => {
    expect(closestName("nameeeeeeeeeeeeeeeeeeeeeeee", ["name", "tags"])).toBeUndefined();
    expect(closestName("x".repeat(60_000), ["name", "tags"])).toBeUndefined();
    expect(closestName("namename", ["name", "tags"])).toBe("name");
  });

  it("answers a 60 000-character name at once", () => {
    const started = performance.now();
    closestName(`info.${"x".repeat(60_000)}`, ["info.partner", "info.companyName", "creation_time"]);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
