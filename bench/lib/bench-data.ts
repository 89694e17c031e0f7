import {
  DEPARTMENTS,
  FIRST_NAMES,
  INDUSTRIES,
  LAST_NAMES,
  PARTNERS,
  ROLES,
  SENIORITIES,
  SKILLS,
  STAGES,
  STATUSES,
  TITLES,
} from "../../scripts/lib/demo-vocabulary.ts";
import type { ContactRow } from "../../scripts/lib/load-contacts.ts";
import { Prng } from "../../scripts/lib/prng.ts";

/**
 * Deterministic contacts for the 1M-row benchmark. Same shape as the demo data
 * (src/query/info-schema.ts), but with vocabularies wide enough that realistic
 * searches are selective: thousands of companies and domains, a long tail of
 * tags, skewed partners. The queries in bench/plans.ts name values from here.
 */
export const BIG_ORG = "org_bench_big";
export const BIG_ORG_SIZE = 600_000;
export const TOTAL_CONTACTS = 1_000_000;

const COMPANY_WORDS_A = (
  "Acme Globex Initech Umbrella Stark Wayne Soylent Tyrell Cyberdyne Hooli Vandelay Nakatomi Wonka Oscorp " +
  "Pied Massive Dynamic Aperture Black Mesa Gringotts Monarch Octan Rekall Sirius Stark Virtucon Weyland " +
  "Yoyodyne Zorg Abstergo Blue Sun Bluth Buy More Cogswell Dunder Ewing Fleischer Gekko Hanso Ingen Kramerica " +
  "Lacuna Mooby Nordyne Omni Paper Street Prestige Quartz Rich Sabre Sterling Tessier Ultor Veridian Wolfram"
).split(" ");
const COMPANY_WORDS_B = (
  "Labs Systems Health Foods Trading Logistics Bank Corp Group Industries Networks Analytics Robotics Energy " +
  "Media Retail Capital Cloud Software Partners Holdings Ventures Dynamics Works Solutions Mobile Security Data " +
  "Bio Pharma Motors Aero Foods Games Studios Telecom Insurance Realty Freight Textiles Metals Chemicals Farms"
).split(" ");
const CITIES = [
  ["Seattle", "US"],
  ["Austin", "US"],
  ["New York", "US"],
  ["Chicago", "US"],
  ["San Francisco", "US"],
  ["London", "GB"],
  ["Berlin", "DE"],
  ["Paris", "FR"],
  ["Madrid", "ES"],
  ["Tokyo", "JP"],
  ["Amsterdam", "NL"],
  ["Toronto", "CA"],
  ["Bengaluru", "IN"],
  ["São Paulo", "BR"],
  ["Sydney", "AU"],
  ["Zürich", "CH"],
] as const;

interface Company {
  name: string;
  domain: string;
  city: string;
  country: string;
}

/** ~2,900 companies; a domain names ~0.03% of contacts, so account searches are selective. */
function companies(): Company[] {
  const random = new Prng(0xc0ffee);
  const out: Company[] = [];
  for (const a of COMPANY_WORDS_A) {
    for (const b of COMPANY_WORDS_B) {
      const [city, country] = random.pick(CITIES);
      const slug = `${a}${b}`.toLowerCase().replace(/[^a-z]/g, "");
      out.push({ name: `${a} ${b}`, domain: `${slug}.${random.pick(["com", "io", "co", "de", "ai"])}`, city, country });
    }
  }
  return out;
}

const COMPANIES = companies();

/** A long tail: a few tags on many contacts, most on few (weights ~ 1/rank). */
const TAG_POOL = [
  "customer",
  "lead",
  "newsletter",
  "partner",
  "vip",
  "churned",
  "beta",
  "event-2025",
  "webinar-q1",
  "webinar-q2",
  "trial",
  "enterprise",
  "smb",
  "renewal-2026",
  "champion",
  "security-review",
  "marketplace-private-offer",
  "reinvent-2025",
  "kubecon-eu",
  "do-not-contact",
];

const PERIOD_END_MS = Date.UTC(2026, 3, 1);
const PERIOD_MS = 3 * 365 * 24 * 3600 * 1000;

/** Organization sizes: the big one, then many small ones (5..195) up to the total. */
export function organizationPlan(): Map<string, number> {
  const random = new Prng(0x5eed);
  const plan = new Map<string, number>([[BIG_ORG, BIG_ORG_SIZE]]);
  let remaining = TOTAL_CONTACTS - BIG_ORG_SIZE;
  for (let n = 1; remaining > 0; n++) {
    const size = Math.min(remaining, random.int(5, 195));
    plan.set(`org_bench_${String(n).padStart(5, "0")}`, size);
    remaining -= size;
  }
  return plan;
}

/**
 * Yields every contact once, organizations interleaved as real sign-ups are,
 * so the big org's rows are spread over the whole heap (no accidental clustering).
 */
export function* benchContacts(): Generator<ContactRow> {
  const random = new Prng(0xbe7c4);
  const small = [...organizationPlan()].filter(([id]) => id !== BIG_ORG).map(([id, size]) => ({ id, left: size }));
  let bigLeft = BIG_ORG_SIZE;
  let index = 0;
  while (bigLeft > 0 || small.length > 0) {
    let organizationId: string;
    if (bigLeft > 0 && (small.length === 0 || random.chance(BIG_ORG_SIZE / TOTAL_CONTACTS))) {
      organizationId = BIG_ORG;
      bigLeft -= 1;
    } else {
      const slot = random.int(0, small.length - 1);
      const org = small[slot];
      if (!org) throw new Error("unreachable");
      organizationId = org.id;
      org.left -= 1;
      if (org.left === 0) {
        small[slot] = small[small.length - 1] as (typeof small)[number];
        small.pop();
      }
    }
    yield contact(random, organizationId, index++);
  }
}

function contact(random: Prng, organizationId: string, index: number): ContactRow {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const company = random.pick(COMPANIES);
  const email = `${slug(first)}.${slug(last)}${random.int(1, 9999)}@${company.domain}`;
  const created = PERIOD_END_MS * 1000 - random.int(0, PERIOD_MS) * 1000 - random.int(0, 999);
  const updated = created + Math.floor(random.next() ** 2 * (PERIOD_END_MS * 1000 - created));
  return {
    id: `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`,
    organization_id: organizationId,
    name: random.chance(0.03) ? null : `${first} ${last}`,
    email_address: random.chance(0.04) ? null : email,
    company_contact_id: random.chance(0.25) ? null : `CRM-${String(index).padStart(7, "0")}`,
    creation_time: isoMicros(created),
    last_update_time: isoMicros(updated),
    info: info(random, { first, last, email, company, created, updated }),
    tags: tags(random),
  };
}

function tags(random: Prng): string[] {
  const out: string[] = [];
  for (let rank = 0; rank < TAG_POOL.length; rank++) {
    // rank 0 on ~35% of contacts, rank 19 on ~1.5%.
    if (random.chance(0.35 / (1 + rank * 1.1))) out.push(TAG_POOL[rank] as string);
  }
  return out;
}

interface Person {
  first: string;
  last: string;
  email: string;
  company: Company;
  created: number;
  updated: number;
}

function info(random: Prng, person: Person): Record<string, unknown> {
  const doc: Record<string, unknown> = { companyName: person.company.name };
  if (random.chance(0.9)) doc.partner = random.pick(PARTNERS);
  if (random.chance(0.7)) doc.companyLocation = `${person.company.city}, ${person.company.country}`;
  if (random.chance(0.5)) doc.phoneNumber = `+1-555-${String(random.int(0, 9999)).padStart(4, "0")}`;
  if (random.chance(0.6)) doc.role = random.pick(ROLES);
  if (random.chance(0.4)) doc.lastModifiedBy = random.pick(["sync-bot", "crm-import", "alice@seller.example"]);
  if (random.chance(0.75)) doc.cosellPartnerMetrics = metrics(random, person.created);
  if (random.chance(0.8)) doc.enrichedContactInfo = enriched(random, person);
  return doc;
}

interface Opportunity {
  amount: number;
  currency: string;
  isClosed: boolean;
  isWon: boolean;
}

function metrics(random: Prng, createdMicros: number): Record<string, unknown> {
  const accounts = Array.from({ length: random.int(0, 4) }, () => account(random, createdMicros));
  const opportunities = accounts.flatMap((a) => a.opportunities);
  const out: Record<string, unknown> = {
    accountCount: accounts.length,
    accounts,
    pipeline: totals(opportunities.filter((o) => !o.isClosed)),
    closedWonAmount: totals(opportunities.filter((o) => o.isWon)),
  };
  if (random.chance(0.1)) delete out.closedWonAmount;
  return out;
}

function account(random: Prng, createdMicros: number) {
  const company = random.pick(COMPANIES);
  const opportunities = Array.from({ length: random.int(0, 3) }, () => {
    const stageName = random.pick(STAGES);
    return {
      id: `opp_${random.hex(10)}`,
      name: `${company.name} ${random.pick(["Migration", "Renewal", "Expansion", "Pilot", "Marketplace Deal"])}`,
      amount: random.int(5, 500) * 1000,
      currency: random.chance(0.75) ? "USD" : "EUR",
      stageName,
      isClosed: stageName.startsWith("Closed"),
      isWon: stageName === "Closed Won",
      closeDate: isoDate(PERIOD_END_MS - random.int(-180, 540) * 86_400_000),
    };
  });
  return {
    id: `acc_${random.hex(10)}`,
    name: company.name,
    domain: company.domain,
    industry: random.pick(INDUSTRIES),
    createdDate: isoDate(createdMicros / 1000 - random.int(0, 600) * 86_400_000),
    opportunities,
  };
}

function totals(opportunities: readonly Opportunity[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of opportunities) out[o.currency] = (out[o.currency] ?? 0) + o.amount;
  return out;
}

function enriched(random: Prng, person: Person): Record<string, unknown> {
  const department = random.pick(DEPARTMENTS);
  const jobTitle = random.pick(TITLES[department] ?? ["Consultant"]);
  const out: Record<string, unknown> = {
    id: `enr_${random.hex(12)}`,
    status: random.pick(STATUSES),
    firstName: person.first,
    lastName: person.last,
    fullName: `${person.first} ${person.last}`,
    email: person.email,
    companyName: person.company.name,
    companyDomain: person.company.domain,
    country: person.company.country,
    city: person.company.city,
    jobTitle,
    createdAt: isoMicros(person.created).replace(/\.\d+Z$/, "Z"),
    updatedAt: isoMicros(person.updated).replace(/\.\d+Z$/, "Z"),
    info: {
      seniority: random.pick(SENIORITIES),
      department,
      headline: `${jobTitle} at ${person.company.name}`,
      skills: random.sample(SKILLS, random.int(0, 5)),
      workExperiences: [
        { companyName: person.company.name, title: jobTitle, startDate: "2021-03-01", isCurrent: true },
      ],
    },
  };
  if (random.chance(0.6)) out.linkedinUrl = `https://www.linkedin.com/in/${slug(person.first)}-${slug(person.last)}`;
  if (random.chance(0.1)) out.status = null;
  return out;
}

function isoMicros(epochMicros: number): string {
  const millis = Math.floor(epochMicros / 1000);
  return new Date(millis).toISOString().replace("Z", `${String(epochMicros % 1000).padStart(3, "0")}Z`);
}

function isoDate(epochMillis: number): string {
  return new Date(epochMillis).toISOString().slice(0, 10);
}

function slug(text: string): string {
  return text
    .replace(/[Łł]/g, "l")
    .replace(/[Øø]/g, "o")
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]/g, "")
    .toLowerCase();
}
