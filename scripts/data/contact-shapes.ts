import {
  ACCOUNT_TYPES,
  type Company,
  CURRENCIES,
  DEAL_KINDS,
  ENRICHMENT_STATUSES,
  FIRST_NAMES,
  INDUSTRIES,
  JOB_TITLES,
  LAST_MODIFIED_BY,
  LAST_NAMES,
  PARTNER_WEIGHTS,
  ROLES,
  STAGES,
} from "./demo-vocabulary.ts";
import type { ContactRow } from "./load-contacts.ts";
import { Prng } from "./prng.ts";

/**
 * One generated contact, as both generated data sets build it: the demo data
 * (scripts/data/demo-data.ts, 460 contacts) and the 1M-contact benchmark data
 * (bench/lib/bench-data.ts). Every `info` document has the documented shape of
 * a contact, every documented path occurs, and the derived values agree with
 * what they are derived from:
 *
 * - `cosellPartnerMetrics` is on partner contacts only (tagged `partner`):
 *   `accountCount` is the number of `accounts`; `industries`, `managedDomains`,
 *   `locations` and `oppOwners` (sorted by name) are the distinct values of the
 *   accounts and their opportunities; `closedWonCount` / `closedLostCount`
 *   count the opportunities in those stages; `closedWonAmount` and `pipeline`
 *   sum the closed-won and the open amounts per currency; `successRate` is
 *   won / (won + lost) × 100, null when nothing has closed; `source` is
 *   `Referral` once the contact has referrals, `Predicted` before.
 * - date-times are written in every spelling real documents have: `Z`,
 *   `+00:00`, `+0000` (the CRM's opportunity `createdDate`) and without a zone;
 *   dates as `YYYY-MM-DD`.
 * - A small share of documents has a defect real data has (`applyDefect`): a
 *   number stored as a string, a missing key, a null.
 *
 * What differs between the data sets is a `ContactShape`. Both are
 * deterministic: each contact draws from `random` in a fixed order, so
 * changing that order changes every contact after it (and the values
 * bench/lib/query-set.ts names must be chosen again).
 */
export interface ContactShape {
  companies: readonly Company[];
  /** Creation times fall in the `periodMs` before `periodEndMs` (fixed, so data does not drift with the clock). */
  periodEndMs: number;
  periodMs: number;
  /** What goes between the name and the `@` of the email address ("" for nothing). */
  emailNumber(random: Prng): string;
  companyContactId(index: number): string;
  /** Tags other than `partner`, which the generator gives exactly the partner contacts. */
  tags(random: Prng): string[];
  /** Share of contacts that are partner contacts (tagged `partner`, with `cosellPartnerMetrics`). */
  partnerShare: number;
  /** How many opportunity owners (the seller's sales reps) an organization has. */
  ownerCount(organizationId: string): number;
}

export interface Owner {
  email: string;
  name: string;
}

interface Person {
  first: string;
  last: string;
  email: string;
  company: Company;
  createdMs: number;
  updatedMs: number;
}

const DAY_MS = 86_400_000;

export function generateContact(random: Prng, shape: ContactShape, organizationId: string, index: number): ContactRow {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const company = random.pick(shape.companies);
  const email = `${asciiSlug(first)}.${asciiSlug(last)}${shape.emailNumber(random)}@${company.domain}`;
  const created = shape.periodEndMs * 1000 - random.int(0, shape.periodMs) * 1000 - random.int(0, 999);
  // Most contacts are touched soon after creation, a few much later (squared skew).
  const updated = created + Math.floor(random.next() ** 2 * (shape.periodEndMs * 1000 - created));
  const id = `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`;
  // A few contacts without a name or email, as real CRM exports have.
  const name = random.chance(0.03) ? null : `${first} ${last}`;
  const emailAddress = random.chance(0.04) ? null : email;
  const companyContactId = random.chance(0.25) ? null : shape.companyContactId(index);
  const partner = random.chance(shape.partnerShare);
  const tags = shape.tags(random);
  if (partner) tags.splice(random.int(0, tags.length), 0, "partner");
  const person = {
    first,
    last,
    email,
    company,
    createdMs: Math.floor(created / 1000),
    updatedMs: Math.floor(updated / 1000),
  };
  const info = contactInfo(random, shape, person, partner ? owners(shape, organizationId) : undefined);
  if (random.chance(0.03)) applyDefect(random, info);
  return {
    id,
    organization_id: organizationId,
    name,
    email_address: emailAddress,
    company_contact_id: companyContactId,
    creation_time: isoMicros(created),
    last_update_time: isoMicros(updated),
    info,
    tags,
  };
}

const partnerOf = weighted(PARTNER_WEIGHTS);
const stageOf = weighted(STAGES.map(([stage, probability, weight]) => [{ stage, probability }, weight] as const));
const currencyOf = weighted(CURRENCIES.map(([code, weight, scale]) => [{ code, scale }, weight] as const));
const PARTNERSHIP_TITLES = JOB_TITLES.filter(([, jobFunction]) => jobFunction === "Partnerships");

function contactInfo(
  random: Prng,
  shape: ContactShape,
  person: Person,
  partnerOwners: readonly Owner[] | undefined,
): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  if (random.chance(0.97)) info.companyName = person.company.name;
  if (random.chance(0.9)) info.partner = partnerOf(random);
  if (random.chance(0.7)) info.companyLocation = person.company.location;
  if (random.chance(0.5)) info.phoneNumber = phone(random);
  if (random.chance(0.6)) info.role = random.pick(ROLES);
  if (random.chance(0.5)) info.lastModifiedBy = random.pick(LAST_MODIFIED_BY);
  // A partner contact whose metrics were never computed keeps the tag without them.
  if (partnerOwners && random.chance(0.97)) {
    info.cosellPartnerMetrics = partnerMetrics(random, shape, person, partnerOwners);
  }
  if (random.chance(0.8)) info.enrichedContactInfo = enrichedContactInfo(random, shape, person, !!partnerOwners);
  return info;
}

interface Opportunity {
  amount: number;
  closeDate: string;
  createdDate: string;
  currencyIsoCode: string;
  id: string;
  name: string;
  ownerEmail: string;
  ownerName: string;
  probability: number;
  stageName: string;
}

interface Account {
  createdDate: string;
  domain: string;
  id: string;
  industry: string;
  name: string;
  opportunities: Opportunity[];
  source: "Referral" | "Predicted";
  type: string;
  /** Not stored: where `locations` comes from. */
  company: Company;
}

const ACCOUNT_COUNTS = weighted([
  [0, 8],
  [1, 30],
  [2, 26],
  [3, 18],
  [4, 11],
  [5, 7],
]);
const OPPORTUNITY_COUNTS = weighted([
  [0, 25],
  [1, 42],
  [2, 21],
  [3, 12],
]);

function partnerMetrics(
  random: Prng,
  shape: ContactShape,
  person: Person,
  partnerOwners: readonly Owner[],
): Record<string, unknown> {
  const accounts = random
    .sample(shape.companies, ACCOUNT_COUNTS(random))
    .map((company) => account(random, shape, person, company, partnerOwners));
  const opportunities = accounts.flatMap((a) => a.opportunities);
  const won = opportunities.filter((o) => o.stageName === "Closed Won");
  const lost = opportunities.filter((o) => o.stageName === "Closed Lost");
  const open = opportunities.filter((o) => !o.stageName.startsWith("Closed"));
  // Every opportunity came from a referral, inbound or outbound; some referrals have none yet.
  let inbound = random.chance(0.5) ? 0 : random.int(1, 3);
  let outbound = random.chance(0.6) ? 0 : random.int(1, 2);
  for (let i = 0; i < opportunities.length; i++) {
    if (random.chance(0.6)) inbound += 1;
    else outbound += 1;
  }
  const referrals = inbound + outbound;
  const closed = won.length + lost.length;
  return {
    accountCount: accounts.length,
    accounts: accounts.map(({ company: _, ...stored }) => stored),
    closedLostCount: lost.length,
    closedWonAmount: currencyTotals(won),
    closedWonCount: won.length,
    engagementTimeSeries: engagement(random, shape, referrals, opportunities.length),
    inboundReferralCount: inbound,
    industries: distinct(accounts.map((a) => a.industry)).sort(),
    locations: distinctBy(
      accounts.map((a) => ({ location: `${a.company.location}, ${a.company.country}`, region: a.company.region })),
      (l) => l.location,
    ),
    managedDomains: distinct(accounts.map((a) => a.domain)),
    oppOwners: distinctBy(
      opportunities.map((o) => ({ email: o.ownerEmail, name: o.ownerName })),
      (o) => o.email,
    ).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    outboundReferralCount: outbound,
    pipeline: currencyTotals(open),
    source: referrals > 0 ? "Referral" : "Predicted",
    successRate: closed === 0 ? null : (won.length / closed) * 100,
  };
}

function account(
  random: Prng,
  shape: ContactShape,
  person: Person,
  company: Company,
  partnerOwners: readonly Owner[],
): Account {
  const createdMs = person.createdMs - random.int(30, 2500) * DAY_MS;
  const opportunities = Array.from({ length: OPPORTUNITY_COUNTS(random) }, () =>
    opportunity(random, shape, company, createdMs, partnerOwners),
  );
  const won = opportunities.some((o) => o.stageName === "Closed Won");
  return {
    createdDate: isoDate(createdMs),
    domain: company.domain,
    // A Salesforce-shaped account id (prefix 001), the same for a company within a data set.
    id: `001${salesforceSuffix(company.domain)}`,
    industry: random.chance(0.92) ? company.industry : random.pick(INDUSTRIES),
    name: company.name,
    opportunities,
    source: opportunities.length > 0 ? "Referral" : "Predicted",
    type: won ? "Customer" : random.pick(ACCOUNT_TYPES),
    company,
  };
}

function opportunity(
  random: Prng,
  shape: ContactShape,
  company: Company,
  accountCreatedMs: number,
  partnerOwners: readonly Owner[],
): Opportunity {
  const { stage, probability } = stageOf(random);
  const { code, scale } = currencyOf(random);
  const owner = random.pick(partnerOwners);
  const latest = shape.periodEndMs - 7 * DAY_MS;
  const createdMs = accountCreatedMs + Math.floor(random.next() * Math.max(latest - accountCreatedMs, DAY_MS));
  const closeMs = stage.startsWith("Closed")
    ? Math.min(createdMs + random.int(14, 240) * DAY_MS, shape.periodEndMs - DAY_MS)
    : shape.periodEndMs + random.int(-20, 270) * DAY_MS;
  // Most deals are whole thousands; some carry cents.
  const amount = random.int(5, 500) * scale + (random.chance(0.1) ? random.int(1, 99_999) / 100 : 0);
  // The CRM writes `+0000`; records imported from elsewhere say `Z` or nothing.
  const zone = random.chance(0.85) ? "+0000" : random.chance(0.6) ? "Z" : "";
  return {
    amount,
    closeDate: isoDate(closeMs),
    createdDate: dateTime(createdMs, zone),
    currencyIsoCode: code,
    id: `006${random.hex(12).toUpperCase()}`,
    name: `${company.name} ${random.pick(DEAL_KINDS)}`,
    ownerEmail: owner.email,
    ownerName: owner.name,
    probability,
    stageName: stage,
  };
}

/** `{USD: 120000, EUR: 45000}`: only currencies that occur, as the real API does. */
function currencyTotals(opportunities: readonly Opportunity[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const o of opportunities) totals[o.currencyIsoCode] = (totals[o.currencyIsoCode] ?? 0) + o.amount;
  return totals;
}

/** Six months ending with the month before the data set's end, oldest first. */
function engagement(random: Prng, shape: ContactShape, referrals: number, opportunities: number) {
  const end = new Date(shape.periodEndMs);
  const months = Array.from({ length: 6 }, (_, i) => {
    const month = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 6 + i, 1));
    return { cosellDeals: 0, opportunityActivity: 0, period: month.toISOString().slice(0, 7) };
  });
  // About half the referrals are recent, and recent opportunities show activity.
  for (let i = 0; i < referrals; i++) {
    if (random.chance(0.5)) (months[random.int(0, 5)] as (typeof months)[number]).cosellDeals += 1;
  }
  for (const month of months) month.opportunityActivity = opportunities === 0 ? 0 : random.int(0, opportunities * 2);
  return months;
}

function enrichedContactInfo(random: Prng, shape: ContactShape, person: Person, partner: boolean) {
  const [jobTitle, jobFunction, seniority] = random.pick(
    partner && random.chance(0.7) ? PARTNERSHIP_TITLES : JOB_TITLES,
  ) as (typeof JOB_TITLES)[number];
  // One enrichment run writes both times in its own spelling.
  const zone = random.pick(["Z", "Z", "Z", "Z", "Z", "Z", "+00:00", "+00:00", "+0000", ""] as const);
  const enrichedMs = person.createdMs + random.int(0, 3 * 86_400) * 1000 + random.int(0, 999);
  const refreshedMs = Math.max(enrichedMs, person.updatedMs - random.int(0, 30) * DAY_MS);
  const slug = `${asciiSlug(person.first)}-${asciiSlug(person.last)}`;
  const id = `en_${random.hex(12)}`;
  const enriched: Record<string, unknown> = {
    city: person.company.city,
    companyDomain: person.company.domain,
    companyName: person.company.name,
    country: person.company.country,
    creationTime: dateTime(enrichedMs, zone),
    email: person.email,
    firstName: person.first,
    id,
    info: {
      apolloId: random.hex(24),
      isPrimary: jobFunction === "Partnerships" && seniority !== "ic" && random.chance(0.6),
      seniority,
      workExperiences: workExperiences(random, shape, person.company, jobTitle),
    },
    jobFunction,
    jobTitle,
    lastName: person.last,
    lastUpdateTime: dateTime(refreshedMs, zone),
    name: `${person.first} ${person.last}`,
    status: random.pick(ENRICHMENT_STATUSES),
  };
  if (random.chance(0.7)) enriched.linkedIn = `https://www.linkedin.com/in/${slug}-${random.hex(4)}`;
  if (random.chance(0.5)) enriched.phone = phone(random);
  if (random.chance(0.4)) enriched.s3KeyPicture = `pictures/${id}.jpg`;
  if (random.chance(0.25)) enriched.twitter = `@${slug.replace("-", "")}`;
  if (random.chance(0.1)) delete enriched.country;
  return enriched;
}

/** The current position first (no end date), then earlier ones, each ending when the next began. */
function workExperiences(random: Prng, shape: ContactShape, company: Company, title: string) {
  const zone = random.pick(["Z", "Z", "+00:00", ""] as const);
  const month = (ms: number) => {
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  };
  let start = month(shape.periodEndMs - random.int(60, 3000) * DAY_MS);
  const out: Record<string, unknown>[] = [
    { current: true, endDate: null, organizationName: company.name, startDate: dateTime(start, zone, false), title },
  ];
  for (let n = random.int(0, 2); n > 0; n--) {
    const end = start;
    start = month(end - random.int(300, 2200) * DAY_MS);
    out.push({
      current: false,
      endDate: dateTime(end, zone, false),
      organizationName: random.pick(shape.companies).name,
      startDate: dateTime(start, zone, false),
      title: (random.pick(JOB_TITLES) as (typeof JOB_TITLES)[number])[0],
    });
  }
  return out;
}

/**
 * Real documents are not validated: a number stored as a string, a key that
 * is missing, a null. One such defect, where the document has the path.
 */
function applyDefect(random: Prng, info: Record<string, unknown>): void {
  const metrics = info.cosellPartnerMetrics as Record<string, unknown> | undefined;
  const enriched = info.enrichedContactInfo as Record<string, unknown> | undefined;
  const extra = enriched?.info as Record<string, unknown> | undefined;
  const opportunity = (metrics?.accounts as Account[] | undefined)?.find((a) => a.opportunities.length > 0)
    ?.opportunities[0] as Record<string, unknown> | undefined;
  const defects: (() => void)[] = [];
  if (metrics) {
    defects.push(
      () => {
        metrics.accountCount = String(metrics.accountCount);
      },
      () => {
        metrics.closedWonCount = String(metrics.closedWonCount);
      },
      () => {
        if (metrics.successRate !== null) metrics.successRate = String(metrics.successRate);
      },
      () => delete metrics.closedWonAmount,
      () => {
        metrics.industries = null;
      },
    );
  }
  if (opportunity) {
    defects.push(
      () => {
        opportunity.amount = (opportunity.amount as number).toFixed(2);
      },
      () => {
        opportunity.probability = String(opportunity.probability);
      },
      () => {
        opportunity.closeDate = null;
      },
    );
  }
  if (enriched) {
    defects.push(
      () => {
        enriched.status = null;
      },
      () => delete enriched.creationTime,
      () => {
        if (extra) extra.isPrimary = String(extra.isPrimary);
      },
    );
  }
  defects.push(() => {
    info.partner = null;
  });
  random.pick(defects)();
}

let ownerCache: { shape: ContactShape; byOrganization: Map<string, readonly Owner[]> } | undefined;

/** The organization's sales reps: its own deterministic pool, drawn apart from the contacts' stream. */
function owners(shape: ContactShape, organizationId: string): readonly Owner[] {
  if (ownerCache?.shape !== shape) ownerCache = { shape, byOrganization: new Map() };
  let pool = ownerCache.byOrganization.get(organizationId);
  if (!pool) {
    const random = new Prng(hash(organizationId));
    const domain = `${organizationId.replace(/^org_/, "").replaceAll("_", "-")}.example`;
    const byEmail = new Map<string, Owner>();
    const wanted = shape.ownerCount(organizationId);
    while (byEmail.size < Math.min(wanted, FIRST_NAMES.length * LAST_NAMES.length)) {
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      const email = `${asciiSlug(first)}.${asciiSlug(last)}@${domain}`;
      byEmail.set(email, { email, name: `${first} ${last}` });
    }
    pool = [...byEmail.values()];
    ownerCache.byOrganization.set(organizationId, pool);
  }
  return pool;
}

/** A picker for weighted choices: one draw from `random` each. */
export function weighted<T>(entries: readonly (readonly [T, number])[]): (random: Prng) => T {
  const values = entries.map(([value]) => value);
  const bounds: number[] = [];
  let total = 0;
  for (const [, weight] of entries) {
    total += weight;
    bounds.push(total);
  }
  return (random) => {
    const x = random.next() * total;
    let i = 0;
    while ((bounds[i] as number) <= x) i++;
    return values[i] as T;
  };
}

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function distinctBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const value of values) if (!seen.has(key(value))) seen.set(key(value), value);
  return [...seen.values()];
}

function phone(random: Prng): string {
  return `+1 ${random.int(200, 989)} 555 ${String(random.int(0, 9999)).padStart(4, "0")}`;
}

/** FNV-1a: a stable 32-bit number for a string (seeds, ids). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** 15 characters derived from `key`, as the rest of a Salesforce id. */
function salesforceSuffix(key: string): string {
  let h = hash(key);
  let out = "";
  for (let i = 0; i < 15; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    out += BASE62[h % 62];
  }
  return out;
}

/** Postgres keeps microseconds; showing them here exercises the API's millisecond rounding. */
export function isoMicros(epochMicros: number): string {
  const millis = Math.floor(epochMicros / 1000);
  const micros = String(epochMicros % 1000).padStart(3, "0");
  return new Date(millis).toISOString().replace("Z", `${micros}Z`);
}

export function isoDate(epochMillis: number): string {
  return new Date(epochMillis).toISOString().slice(0, 10);
}

/**
 * An ISO-8601 date-time in one of the spellings stored documents use:
 * `2026-04-08T06:06:53.672Z`, `…+00:00`, `…+0000`, or no zone at all (`""`).
 * Without `millis`, seconds only: `2021-01-01T00:00:00Z`.
 */
export function dateTime(epochMillis: number, zone: "Z" | "+00:00" | "+0000" | "", millis = true): string {
  const iso = new Date(epochMillis).toISOString();
  return (millis ? iso.slice(0, 23) : iso.slice(0, 19)) + zone;
}

/** "Łukasz" -> "lukasz", "Søren" -> "soren": for email local parts, domains and URLs. */
export function asciiSlug(text: string): string {
  return text
    .replace(/[Łł]/g, "l")
    .replace(/[Øø]/g, "o")
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]/g, "")
    .toLowerCase();
}
