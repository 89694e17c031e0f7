import {
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
  TITLES,
} from "./demo-vocabulary.ts";
import type { ContactRow } from "./load-contacts.ts";
import type { Prng } from "./prng.ts";

/**
 * One generated contact, as both generated data sets build it: the demo data
 * (scripts/lib/demo-data.ts, 460 contacts) and the 1M-contact benchmark data
 * (bench/lib/bench-data.ts). Every `info` document follows the documented
 * schema (src/query/info-schema.ts); keys are left out on some rows, on
 * purpose, so "missing" and "null" cases show up in queries.
 *
 * What differs between the data sets is a `ContactShape`: the companies, the
 * period, tags, email and CRM id formats, and two details of the demo data.
 * Both are deterministic: each contact draws from `random` in a fixed order,
 * and changing that order changes every contact after it (the benchmark
 * database would no longer match the values bench/lib/query-set.ts names).
 * So `careerDetails` and `accountDateFirst` keep each data set's own order.
 */
export interface ContactShape {
  companies: readonly Company[];
  /** Creation times fall in the `periodMs` before `periodEndMs` (fixed, so data does not drift with the clock). */
  periodEndMs: number;
  periodMs: number;
  /** What goes between the name and the `@` of the email address ("" for nothing). */
  emailNumber(random: Prng): string;
  companyContactId(index: number): string;
  tags(random: Prng): string[];
  /** Sometimes a previous employer in `workExperiences`, sometimes no `country` (demo data). */
  careerDetails: boolean;
  /** Whether an account's `createdDate` is drawn before its opportunities (demo) or after (bench). */
  accountDateFirst: boolean;
}

export interface Person {
  first: string;
  last: string;
  email: string;
  company: Company;
  createdMicros: number;
  updatedMicros: number;
}

export function generateContact(random: Prng, shape: ContactShape, organizationId: string, index: number): ContactRow {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const company = random.pick(shape.companies);
  const email = `${asciiSlug(first)}.${asciiSlug(last)}${shape.emailNumber(random)}@${company.domain}`;
  const created = shape.periodEndMs * 1000 - random.int(0, shape.periodMs) * 1000 - random.int(0, 999);
  // Most contacts are touched soon after creation, a few much later (squared skew).
  const updated = created + Math.floor(random.next() ** 2 * (shape.periodEndMs * 1000 - created));
  return {
    id: `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`,
    organization_id: organizationId,
    // A few contacts without a name or email, as real CRM exports have.
    name: random.chance(0.03) ? null : `${first} ${last}`,
    email_address: random.chance(0.04) ? null : email,
    company_contact_id: random.chance(0.25) ? null : shape.companyContactId(index),
    creation_time: isoMicros(created),
    last_update_time: isoMicros(updated),
    info: contactInfo(random, shape, { first, last, email, company, createdMicros: created, updatedMicros: updated }),
    tags: shape.tags(random),
  };
}

function contactInfo(random: Prng, shape: ContactShape, person: Person): Record<string, unknown> {
  const info: Record<string, unknown> = { companyName: person.company.name };
  if (random.chance(0.9)) info.partner = random.pick(PARTNERS);
  if (random.chance(0.7)) info.companyLocation = person.company.location;
  if (random.chance(0.5)) info.phoneNumber = `+1-555-${String(random.int(0, 9999)).padStart(4, "0")}`;
  if (random.chance(0.6)) info.role = random.pick(ROLES);
  if (random.chance(0.4)) info.lastModifiedBy = random.pick(["sync-bot", "crm-import", "alice@seller.example"]);
  if (random.chance(0.75)) info.cosellPartnerMetrics = partnerMetrics(random, shape, person.createdMicros);
  if (random.chance(0.8)) info.enrichedContactInfo = enrichedContactInfo(random, shape, person);
  return info;
}

function partnerMetrics(random: Prng, shape: ContactShape, createdMicros: number): Record<string, unknown> {
  const accounts = Array.from({ length: random.int(0, 4) }, () => account(random, shape, createdMicros));
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

function account(random: Prng, shape: ContactShape, createdMicros: number) {
  const company = random.pick(shape.companies);
  const drawCreatedDate = () => isoDate(createdMicros / 1000 - random.int(0, 600) * 86_400_000);
  const earlyCreatedDate = shape.accountDateFirst ? drawCreatedDate() : undefined;
  const opportunities: Opportunity[] = Array.from({ length: random.int(0, 3) }, () => {
    const stageName = random.pick(STAGES);
    return {
      id: `opp_${random.hex(10)}`,
      name: `${company.name} ${random.pick(["Migration", "Renewal", "Expansion", "Pilot", "Marketplace Deal"])}`,
      amount: random.int(5, 500) * 1000,
      currency: random.chance(0.75) ? "USD" : "EUR",
      stageName,
      isClosed: stageName.startsWith("Closed"),
      isWon: stageName === "Closed Won",
      closeDate: isoDate(shape.periodEndMs - random.int(-180, 540) * 86_400_000),
    };
  });
  return {
    id: `acc_${random.hex(10)}`,
    name: company.name,
    domain: company.domain,
    industry: random.pick(INDUSTRIES),
    createdDate: earlyCreatedDate ?? drawCreatedDate(),
    opportunities,
  };
}

/** `{USD: 120000, EUR: 45000}`: only currencies that occur, as the real API does. */
function currencyTotals(opportunities: readonly Opportunity[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const o of opportunities) totals[o.currency] = (totals[o.currency] ?? 0) + o.amount;
  return totals;
}

function enrichedContactInfo(random: Prng, shape: ContactShape, person: Person): Record<string, unknown> {
  const department = random.pick(DEPARTMENTS);
  const jobTitle = random.pick(TITLES[department] ?? ["Consultant"]);
  const current = { companyName: person.company.name, title: jobTitle, startDate: "2021-03-01", isCurrent: true };
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
      workExperiences:
        shape.careerDetails && random.chance(0.5)
          ? [
              current,
              {
                companyName: random.pick(shape.companies).name,
                title: "Consultant",
                startDate: "2017-09-01",
                endDate: "2021-02-28",
                isCurrent: false,
              },
            ]
          : [current],
    },
  };
  if (random.chance(0.6))
    enriched.linkedinUrl = `https://www.linkedin.com/in/${asciiSlug(person.first)}-${asciiSlug(person.last)}`;
  if (shape.careerDetails && random.chance(0.15)) delete enriched.country;
  if (random.chance(0.1)) enriched.status = null;
  return enriched;
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

/** "Łukasz" -> "lukasz", "Søren" -> "soren": for email local parts, domains and URLs. */
export function asciiSlug(text: string): string {
  return text
    .replace(/[Łł]/g, "l")
    .replace(/[Øø]/g, "o")
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]/g, "")
    .toLowerCase();
}
