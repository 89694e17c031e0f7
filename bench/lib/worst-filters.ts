import { LIMITS } from "../../src/query/limits.ts";

/**
 * The filters whose statements grow fastest with their size: each shape
 * repeated until the next copy would pass a limit (16 KiB of `q`, 500
 * operators, 32 levels). `npm run bench:statement-size` prints the statement
 * each one becomes; the Postgres-15 timeout test sends the first one.
 */
export interface WorstFilter {
  readonly name: string;
  /** LISP text, at most LIMITS.maxFilterBytes bytes. */
  readonly q: string;
}

/**
 * `(op a b …)` with as many `item(i)` (one operator each) as fit the byte and
 * operator limits, leaving room for `outer`: the text and operators around it.
 */
export function widest(op: string, item: (i: number) => string, outer = { bytes: 0, nodes: 0 }): string {
  const items: string[] = [];
  const room = LIMITS.maxFilterBytes - outer.bytes - op.length - 3;
  let bytes = 0;
  for (let i = 0; ; i++) {
    const next = item(i);
    if (bytes + next.length + 1 > room || items.length + 2 + outer.nodes > LIMITS.maxFilterNodes) break;
    items.push(next);
    bytes += next.length + 1;
  }
  return `(${op} ${items.join(" ")})`;
}

const day = (i: number) => `2024-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`;

/** `prefix inner suffix`, with `inner` as wide as the limits leave room for. */
function around(
  prefix: string,
  suffix: string,
  nodes: number,
  inner: (outer: { bytes: number; nodes: number }) => string,
) {
  return `${prefix}${inner({ bytes: prefix.length + suffix.length, nodes })}${suffix}`;
}

export function worstFilters(): WorstFilter[] {
  return [
    {
      name: "or of > on a date-time info path",
      q: widest("or", (i) => `(> info.enrichedContactInfo.lastUpdateTime "${day(i)}T10:00:00Z")`),
    },
    {
      name: "any/any/or of ilike",
      q: around("(any info.cosellPartnerMetrics.accounts (any opportunities ", "))", 2, (outer) =>
        widest("or", (i) => `(ilike ownerName "%${i}%")`, outer),
      ),
    },
    {
      name: "or of between on a date path inside any",
      q: around("(any info.cosellPartnerMetrics.accounts ", ")", 1, (outer) =>
        widest("or", (i) => `(between createdDate "${day(i)}" "${day(i + 1)}")`, outer),
      ),
    },
    {
      name: "in-list of 1000 strings on an info path",
      q: `(in info.companyName (${Array.from({ length: LIMITS.maxListValues }, (_, i) => `"c${i}"`).join(" ")}))`,
    },
    {
      name: "or of = on a string info path",
      q: widest("or", (i) => `(= info.enrichedContactInfo.jobTitle "t${i}")`),
    },
    {
      name: "nested any, 31 levels of not",
      q: `(any info.cosellPartnerMetrics.accounts (any opportunities ${"(not ".repeat(29)}(> createdDate "2024-01-01")${")".repeat(29)}))`,
    },
  ];
}
