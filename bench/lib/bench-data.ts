import { type ContactShape, generateContact } from "../../scripts/data/contact-shapes.ts";
import { type Company, INDUSTRIES } from "../../scripts/data/demo-vocabulary.ts";
import type { ContactRow } from "../../scripts/data/load-contacts.ts";
import { Prng } from "../../scripts/data/prng.ts";

/**
 * Deterministic contacts for the 1M-row benchmark. Same shape as the demo data
 * (scripts/data/contact-shapes.ts), but with vocabularies wide enough that realistic
 * searches are selective: thousands of companies and domains, a long tail of
 * tags, skewed partners, 300 opportunity owners in the big organization. The
 * queries in bench/lib/query-set.ts name values from here.
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
/** City, `info.companyLocation`, country, sales region. */
const CITIES = [
  ["Seattle", "Seattle, WA", "US", "US West"],
  ["San Francisco", "San Francisco, CA", "US", "US West"],
  ["Austin", "Austin, TX", "US", "US Central"],
  ["Chicago", "Chicago, IL", "US", "US Central"],
  ["New York", "New York, NY", "US", "US East"],
  ["Toronto", "Toronto, ON", "CA", "Canada"],
  ["London", "London", "GB", "EMEA"],
  ["Berlin", "Berlin", "DE", "EMEA"],
  ["Paris", "Paris", "FR", "EMEA"],
  ["Madrid", "Madrid", "ES", "EMEA"],
  ["Amsterdam", "Amsterdam", "NL", "EMEA"],
  ["Zürich", "Zürich", "CH", "EMEA"],
  ["Tokyo", "Tokyo", "JP", "APAC"],
  ["Bengaluru", "Bengaluru", "IN", "APAC"],
  ["Sydney", "Sydney, NSW", "AU", "APAC"],
  ["São Paulo", "São Paulo, SP", "BR", "LATAM"],
] as const;

/** ~2,900 companies; a domain names ~0.03% of contacts, so account searches are selective. */
function companies(): Company[] {
  const random = new Prng(0xc0ffee);
  const out: Company[] = [];
  for (const a of COMPANY_WORDS_A) {
    for (const b of COMPANY_WORDS_B) {
      const [city, location, country, region] = random.pick(CITIES);
      const slug = `${a}${b}`.toLowerCase().replace(/[^a-z]/g, "");
      const domain = `${slug}.${random.pick(["com", "io", "co", "de", "ai"])}`;
      const industry = random.pick(INDUSTRIES);
      out.push({ name: `${a} ${b}`, domain, industry, location, city, country, region });
    }
  }
  return out;
}

const COMPANIES = companies();

/**
 * A long tail: a few tags on many contacts, most on few (weights ~ 1/rank).
 * `partner` is not among them: the generator tags the partner contacts itself.
 */
const TAG_POOL = [
  "customer",
  "lead",
  "newsletter",
  "aws-summit",
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

const BENCH_SHAPE: ContactShape = {
  companies: COMPANIES,
  // Three years ending here.
  periodEndMs: Date.UTC(2026, 3, 1),
  periodMs: 3 * 365 * 24 * 3600 * 1000,
  emailNumber: (random) => String(random.int(1, 9999)),
  companyContactId: (index) => `CRM-${String(index).padStart(7, "0")}`,
  tags,
  // A third are partner contacts; the big organization has 300 sales reps, a small one 3 to 12.
  partnerShare: 0.33,
  ownerCount: (organizationId) => (organizationId === BIG_ORG ? 300 : 3 + (Number(organizationId.slice(-3)) % 10)),
};

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
    yield generateContact(random, BENCH_SHAPE, organizationId, index++);
  }
}

function tags(random: Prng): string[] {
  const out: string[] = [];
  for (let rank = 0; rank < TAG_POOL.length; rank++) {
    // rank 0 on ~35% of contacts, rank 19 on ~1.5%.
    if (random.chance(0.35 / (1 + rank * 1.1))) out.push(TAG_POOL[rank] as string);
  }
  return out;
}
