import {
  COMPANIES,
  type Company,
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
  TAGS,
  TITLES,
} from "./demo-vocabulary.ts";
import type { ContactRow } from "./load-contacts.ts";
import { Prng } from "./prng.ts";

/**
 * Realistic, deterministic demo contacts for local development: a few
 * organizations of different sizes, each contact with an `info` document that
 * follows the documented schema (src/query/info-schema.ts). Keys are left out
 * on some rows, on purpose, so "missing" and "null" cases show up in queries.
 */
export interface DemoOrganization {
  id: string;
  contactCount: number;
  seed: number;
}

export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  { id: "org_demo_acme", contactCount: 300, seed: 0xac3e },
  { id: "org_demo_globex", contactCount: 120, seed: 0x610b },
  { id: "org_demo_initech", contactCount: 40, seed: 0x1417 },
];

/** Fixed, so the data does not drift with the clock: two years ending here. */
const PERIOD_END_MS = Date.UTC(2026, 3, 1);
const PERIOD_MS = 2 * 365 * 24 * 3600 * 1000;

export function demoContacts(organization: DemoOrganization): ContactRow[] {
  const random = new Prng(organization.seed);
  const rows: ContactRow[] = [];
  for (let index = 0; index < organization.contactCount; index++) {
    rows.push(demoContact(random, organization.id, index));
  }
  return rows;
}

export function allDemoContacts(): ContactRow[] {
  return DEMO_ORGANIZATIONS.flatMap(demoContacts);
}

function demoContact(random: Prng, organizationId: string, index: number): ContactRow {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const company = random.pick(COMPANIES);
  const email = `${asciiSlug(first)}.${asciiSlug(last)}${random.chance(0.15) ? random.int(2, 99) : ""}@${company.domain}`;
  const created = PERIOD_END_MS * 1000 - random.int(0, PERIOD_MS) * 1000 - random.int(0, 999);
  // Most contacts are touched soon after creation, a few much later (squared skew).
  const updated = created + Math.floor(random.next() ** 2 * (PERIOD_END_MS * 1000 - created));

  return {
    id: `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`,
    organization_id: organizationId,
    // A few contacts without a name or email, as real CRM exports have.
    name: random.chance(0.03) ? null : `${first} ${last}`,
    email_address: random.chance(0.04) ? null : email,
    company_contact_id: random.chance(0.25) ? null : `CRM-${String(100_000 + index * 37).padStart(7, "0")}`,
    creation_time: isoMicros(created),
    last_update_time: isoMicros(updated),
    info: demoInfo(random, { first, last, email, company, createdMicros: created, updatedMicros: updated }),
    tags: random.sample(TAGS, random.int(0, 3)),
  };
}

interface Person {
  first: string;
  last: string;
  email: string;
  company: Company;
  createdMicros: number;
  updatedMicros: number;
}

function demoInfo(random: Prng, person: Person): Record<string, unknown> {
  const info: Record<string, unknown> = { companyName: person.company.name };
  if (random.chance(0.9)) info.partner = random.pick(PARTNERS);
  if (random.chance(0.7)) info.companyLocation = person.company.location;
  if (random.chance(0.5)) info.phoneNumber = `+1-555-${String(random.int(0, 9999)).padStart(4, "0")}`;
  if (random.chance(0.6)) info.role = random.pick(ROLES);
  if (random.chance(0.4)) info.lastModifiedBy = random.pick(["sync-bot", "crm-import", "alice@seller.example"]);
  if (random.chance(0.75)) info.cosellPartnerMetrics = partnerMetrics(random, person.createdMicros);
  if (random.chance(0.8)) info.enrichedContactInfo = enrichedContactInfo(random, person);
  return info;
}

function partnerMetrics(random: Prng, createdMicros: number): Record<string, unknown> {
  const accounts = Array.from({ length: random.int(0, 4) }, () => account(random, createdMicros));
  const opportunities = accounts.flatMap((a) => a.opportunities);
  const metrics: Record<string, unknown> = {
    accountCount: accounts.length,
    accounts,
    pipeline: currencyTotals(opportunities.filter((o) => !o.isClosed)),
    closedWonAmount: currencyTotals(opportunities.filter((o) => o.isWon)),
  };
  if (random.chance(0.1)) delete metrics.closedWonAmount;
  return metrics;
}

interface Opportunity {
  id: string;
  name: string;
  amount: number;
  currency: "USD" | "EUR";
  stageName: string;
  isClosed: boolean;
  isWon: boolean;
  closeDate: string;
}

function account(random: Prng, createdMicros: number) {
  const company = random.pick(COMPANIES);
  const createdDate = isoDate(createdMicros / 1000 - random.int(0, 600) * 86_400_000);
  const opportunities: Opportunity[] = Array.from({ length: random.int(0, 3) }, () => {
    const stageName = random.pick(STAGES);
    const isClosed = stageName.startsWith("Closed");
    return {
      id: `opp_${random.hex(10)}`,
      name: `${company.name} ${random.pick(["Migration", "Renewal", "Expansion", "Pilot", "Marketplace Deal"])}`,
      amount: random.int(5, 500) * 1000,
      currency: random.chance(0.75) ? "USD" : "EUR",
      stageName,
      isClosed,
      isWon: stageName === "Closed Won",
      closeDate: isoDate(PERIOD_END_MS - random.int(-180, 540) * 86_400_000),
    };
  });
  return {
    id: `acc_${random.hex(10)}`,
    name: company.name,
    domain: company.domain,
    industry: random.pick(INDUSTRIES),
    createdDate,
    opportunities,
  };
}

/** `{USD: 120000, EUR: 45000}`: only currencies that occur, as the real API does. */
function currencyTotals(opportunities: readonly Opportunity[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const o of opportunities) totals[o.currency] = (totals[o.currency] ?? 0) + o.amount;
  return totals;
}

function enrichedContactInfo(random: Prng, person: Person): Record<string, unknown> {
  const department = random.pick(DEPARTMENTS);
  const jobTitle = random.pick(TITLES[department] ?? ["Consultant"]);
  const enriched: Record<string, unknown> = {
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
    createdAt: isoMicros(person.createdMicros).replace(/\.\d+Z$/, "Z"),
    updatedAt: isoMicros(person.updatedMicros).replace(/\.\d+Z$/, "Z"),
    info: {
      seniority: random.pick(SENIORITIES),
      department,
      headline: `${jobTitle} at ${person.company.name}`,
      skills: random.sample(SKILLS, random.int(0, 5)),
      workExperiences: [
        { companyName: person.company.name, title: jobTitle, startDate: "2021-03-01", isCurrent: true },
        ...(random.chance(0.5)
          ? [
              {
                companyName: random.pick(COMPANIES).name,
                title: "Consultant",
                startDate: "2017-09-01",
                endDate: "2021-02-28",
                isCurrent: false,
              },
            ]
          : []),
      ],
    },
  };
  if (random.chance(0.6))
    enriched.linkedinUrl = `https://www.linkedin.com/in/${asciiSlug(person.first)}-${asciiSlug(person.last)}`;
  if (random.chance(0.15)) delete enriched.country;
  if (random.chance(0.1)) enriched.status = null;
  return enriched;
}

/** Postgres keeps microseconds; showing them here exercises the API's millisecond rounding. */
function isoMicros(epochMicros: number): string {
  const millis = Math.floor(epochMicros / 1000);
  const micros = String(epochMicros % 1000).padStart(3, "0");
  return new Date(millis).toISOString().replace("Z", `${micros}Z`);
}

function isoDate(epochMillis: number): string {
  return new Date(epochMillis).toISOString().slice(0, 10);
}

/** "Łukasz" -> "lukasz", "Søren" -> "soren": for email local parts and URLs. */
function asciiSlug(text: string): string {
  return text
    .replace(/[Łł]/g, "l")
    .replace(/[Øø]/g, "o")
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]/g, "")
    .toLowerCase();
}
