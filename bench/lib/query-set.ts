import { SEARCHABLE_FIELDS } from "../../src/query/search.ts";
import { BIG_ORG } from "./bench-data.ts";

/**
 * The fixed query set of `npm run bench:plans` (and bench/load-1m.ts): one
 * request each, as a client would send it, against the 600k-contact org.
 * Values name data bench/lib/bench-data.ts generates, so each one matches
 * a realistic number of rows (noted per query, out of 600,000).
 */
export interface BenchQuery {
  name: string;
  /** What it exercises. */
  about: string;
  q?: string;
  s?: string;
  /** `search=` text. */
  search?: string;
  pageSize?: number;
  pageNumber?: number;
}

export const BENCH_ORG = BIG_ORG;

export const QUERY_SET: readonly BenchQuery[] = [
  { name: "default-listing", about: "no filter, newest first (count = whole org)" },
  {
    name: "column-eq",
    about: "= on a string column (email)",
    q: '(= email_address "barbara.knuth1011@virtuconaero.co")',
  },
  {
    name: "info-eq",
    about: "= on an info path (~200 rows)",
    q: '(= info.enrichedContactInfo.companyDomain "zorgmetals.de")',
  },
  { name: "tags-has", about: "has on tags (~1.6%, ~10k rows)", q: '(has tags "do-not-contact")' },
  {
    name: "info-array-has",
    about: "has-all on info.cosellPartnerMetrics.industries (~0.2%, ~950 rows)",
    q: '(has-all info.cosellPartnerMetrics.industries ("Software" "Healthcare"))',
  },
  {
    name: "any-accounts",
    about: "any over accounts: domain and date (~40 rows)",
    q: '(any info.cosellPartnerMetrics.accounts (and (= domain "vandelayrobotics.io") (> createdDate "2023-01-01")))',
  },
  { name: "ilike-prefix", about: "ilike prefix on email (~50 rows)", q: '(ilike email_address "ada.lovelace1%")' },
  {
    name: "icontains-infix",
    about: "icontains infix on email (~230 rows)",
    q: '(icontains email_address "VandelayRobotics")',
  },
  {
    name: "time-range",
    about: "creation_time range, one day (~550 rows)",
    q: '(between creation_time "2026-03-01" "2026-03-01T23:59:59Z")',
  },
  { name: "deep-page", about: "page 1000 of 100, newest first (offset 99,900)", pageSize: 100, pageNumber: 1000 },
  {
    name: "sort-json-path",
    about: "sort on pipeline.USD, filtered to one company's accounts",
    q: '(any info.cosellPartnerMetrics.accounts (= domain "hoolinetworks.io"))',
    s: "-info.cosellPartnerMetrics.pipeline.USD",
  },
  {
    name: "wide-or",
    about: "or of 5 selective branches on 5 different indexes",
    q: `(or (= email_address "chloe.patel9896@zorgmetals.de") (= info.enrichedContactInfo.companyDomain "wolframdata.co")
  (has tags "reinvent-2025") (istarts-with name "zoë haddad")
  (any info.cosellPartnerMetrics.accounts (= domain "hoolinetworks.io")))`,
  },
  { name: "info-eq-broad", about: "= on info.partner: ~10% of the org (count cost)", q: '(= info.partner "ORACLE")' },
  {
    name: "sort-name-page",
    about: "sort by name, page 1 of 50",
    s: "name",
    pageSize: 50,
  },
  {
    name: "success-rate",
    about: "successRate range (~4.4%), most closed-won first",
    q: "(between info.cosellPartnerMetrics.successRate 50 80)",
    s: "-info.cosellPartnerMetrics.closedWonCount",
  },
  {
    name: "any-opp-owner",
    about: "any over accounts, then their opportunities, by owner email (~0.3%)",
    q: '(any info.cosellPartnerMetrics.accounts (any opportunities (= ownerEmail "alan.turing@bench-big.example")))',
  },
  {
    name: "closed-won-usd",
    about: "closedWonAmount.USD threshold (~670 rows)",
    q: "(>= info.cosellPartnerMetrics.closedWonAmount.USD 1000000)",
  },
];

/**
 * The searches of `npm run bench:search` (`search=`), against the 600k-contact
 * org, each timed beside `info-eq` and, where it has one, the filter a client
 * would otherwise write: every word `icontains` in one of the searchable fields
 * (`icontainsEquivalent`). Match counts out of 600,000, as measured.
 */
export const SEARCH_SET: readonly (BenchQuery & { search: string })[] = [
  { name: "search-rare", about: "one word, a company domain's (~0.2%, ~1,100)", search: "starkfoods" },
  { name: "search-word", about: "one word, a company's (~1.7%, ~10,200)", search: "vandelay" },
  { name: "search-two", about: "two words, a company's name (~0.04%, 245)", search: "zorg metals" },
  { name: "search-name", about: "a first name and a surname's beginning (~0.07%, 447)", search: "ada lov" },
  { name: "search-broad", about: "one word of a job title (~11%, ~69,000)", search: "director" },
  {
    name: "search-partner",
    about: "one word (~1.7%) and info.partner (~?): the b-tree filter beside the search",
    search: "vandelay",
    q: '(= info.partner "AWS")',
  },
  { name: "search-1-letter", about: "one letter (~57%)", search: "a" },
  { name: "search-1-letter-rare", about: "one letter (~1.7%)", search: "q" },
  { name: "search-2-letters", about: "two letters (~30%)", search: "ma" },
  { name: "search-2-letters-rare", about: "two letters (~8.6%)", search: "vp" },
];

/**
 * The filter that finds what `search` finds without it, as closely as the
 * filter language can: each word `icontains` in one of the searchable fields
 * (it also matches inside words and does not fold accents).
 */
export function icontainsEquivalent(search: string): string {
  const words = search.split(/\s+/).filter(Boolean);
  const any = (word: string) =>
    `(or ${SEARCHABLE_FIELDS.map((field) => `(icontains ${field} ${JSON.stringify(word)})`).join(" ")})`;
  return words.length === 1 ? any(words[0] as string) : `(and ${words.map(any).join(" ")})`;
}

/** The queries named on the command line (`npm run bench:… -- name ...`, searches included), or all of QUERY_SET. */
export function selectQueries(names: readonly string[]): readonly BenchQuery[] {
  return names.length === 0 ? QUERY_SET : [...QUERY_SET, ...SEARCH_SET].filter((query) => names.includes(query.name));
}

/** The query's request parameters, as a client sends them (`q`, `s`, `page_size`, `page_number`). */
export function searchParamsOf(query: BenchQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.s) params.set("s", query.s);
  if (query.search) params.set("search", query.search);
  params.set("page_size", String(query.pageSize ?? 20));
  params.set("page_number", String(query.pageNumber ?? 1));
  return params.toString();
}

/** The walks of `npm run bench:walk` (and `bench:compare-walk`, which walks `default`): each followed to its end by keyset pages. */
export const WALKS = {
  default: { name: "default", about: "all contacts of the organization, newest first" },
  "json-sort": {
    name: "json-sort",
    about: "all contacts of the organization, most closed-won first (a nullable JSON path: 410k nulls last)",
    s: "-info.cosellPartnerMetrics.closedWonCount",
  },
  json: {
    name: "json",
    about: "successRate 50..80, most closed-won first (a JSON path with a b-tree of its own)",
    q: "(between info.cosellPartnerMetrics.successRate 50 80)",
    s: "-info.cosellPartnerMetrics.closedWonCount",
  },
} as const satisfies Record<string, BenchQuery>;
