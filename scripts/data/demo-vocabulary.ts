/**
 * Word lists the generated contacts are drawn from (scripts/data/contact-shapes.ts;
 * the demo data uses them all, the benchmark data brings its own companies and
 * tags). Names include non-ASCII letters and apostrophes on purpose, so case
 * folding, escaping and sorting by code point can be tried on the demo data.
 */
const list = (text: string): readonly string[] => text.split(", ");

export const FIRST_NAMES = list(
  "Ada, Alan, Grace, Linus, Margaret, Dennis, Barbara, Ken, Frances, Tim, Radia, Edsger, Katherine, " +
    "Donald, Sophie, Guido, Anita, Bjarne, Hedy, Yukihiro, José, Zoë, Søren, Chloé, Mónica, Łukasz, " +
    "Priya, Wei, Amara, Mateo, Fatima, Noah, Olivia, Liam, Aiko, Ravi",
);
export const LAST_NAMES = list(
  "Lovelace, Turing, Hopper, Torvalds, Hamilton, Ritchie, Liskov, Thompson, Allen, Berners-Lee, " +
    "Perlman, Dijkstra, Johnson, Knuth, Wilson, van Rossum, Borg, Stroustrup, Lamarr, Matsumoto, " +
    "Álvarez, O'Brien, Kierkegaard, Dubois, García, Nowak, Sharma, Zhang, Okafor, Rossi, Haddad, Müller, " +
    "Smith, Tanaka, Patel, Nguyen",
);

/** The documented normalized industry picklist (28 values) of CRM accounts. */
export const INDUSTRIES = list(
  "Aerospace & Defense, Agriculture, Automotive, Banking, Biotechnology, Chemicals, Construction, " +
    "Consulting, Education, Energy, Financial Services, Food & Beverage, Gaming, Government, Healthcare, " +
    "Hospitality, Insurance, Manufacturing, Media & Entertainment, Non-Profit, Pharmaceuticals, Real Estate, " +
    "Retail, Semiconductors, Software, Telecommunications, Transportation & Logistics, Utilities",
);

export interface Company {
  name: string;
  domain: string;
  industry: string;
  /** `info.companyLocation`, e.g. "Seattle, WA" or "London". */
  location: string;
  city: string;
  /** ISO 3166 alpha-2. */
  country: string;
  /** Sales region of the location, e.g. "US West", "EMEA". */
  region: string;
}

export const COMPANIES: readonly Company[] = [
  ["Acme Corp", "acme.com", "Software", "Seattle, WA", "Seattle", "US", "US West"],
  ["Globex", "globex.io", "Manufacturing", "Springfield, OR", "Springfield", "US", "US West"],
  ["Initech", "initech.com", "Software", "Austin, TX", "Austin", "US", "US Central"],
  ["Umbrella Health", "umbrella-health.com", "Healthcare", "London", "London", "GB", "EMEA"],
  ["Stark Industries", "stark.com", "Aerospace & Defense", "New York, NY", "New York", "US", "US East"],
  ["Wayne Enterprises", "wayne.co", "Financial Services", "Chicago, IL", "Chicago", "US", "US Central"],
  ["Soylent Foods", "soylent.de", "Food & Beverage", "Berlin", "Berlin", "DE", "EMEA"],
  ["Tyrell Systems", "tyrell.ai", "Software", "San Francisco, CA", "San Francisco", "US", "US West"],
  ["Cyberdyne", "cyberdyne.fr", "Semiconductors", "Paris", "Paris", "FR", "EMEA"],
  ["Hooli", "hooli.xyz", "Media & Entertainment", "Palo Alto, CA", "Palo Alto", "US", "US West"],
  ["Vandelay Industries", "vandelay.es", "Retail", "Madrid", "Madrid", "ES", "EMEA"],
  ["Nakatomi Trading", "nakatomi.jp", "Transportation & Logistics", "Tokyo", "Tokyo", "JP", "APAC"],
  ["Wonka Logistics", "wonka.nl", "Transportation & Logistics", "Amsterdam", "Amsterdam", "NL", "EMEA"],
  ["Oscorp Bank", "oscorp.ca", "Banking", "Toronto", "Toronto", "CA", "Canada"],
  ["Pied Piper", "piedpiper.com", "Software", "Bengaluru", "Bengaluru", "IN", "APAC"],
].map(([name, domain, industry, location, city, country, region]) => ({
  name: name as string,
  domain: domain as string,
  industry: industry as string,
  location: location as string,
  city: city as string,
  country: country as string,
  region: region as string,
}));

/**
 * `info.partner`, the documented enum, with how often each occurs: the big
 * three clouds most, a long tail, a few empty strings. Every value of the
 * enum occurs (weight >= 1) so each one can be tried in a filter.
 */
export const PARTNER_WEIGHTS: readonly (readonly [string, number])[] = [
  ["AWS", 300],
  ["AZURE", 180],
  ["GCP", 140],
  ["ORACLE", 110],
  ["SALESFORCE", 40],
  ["MICROSOFT", 30],
  ["DATABRICKS", 25],
  ["SNOWFLAKE", 25],
  ["", 20],
  ["GITHUB", 12],
  ["HUBSPOT", 12],
  ["STRIPE", 10],
  ["DATADOG", 10],
  ["GOOGLE", 8],
  ["REDHAT", 8],
  ["ALIBABA", 6],
  ["AWS_CHINA", 6],
  ["OPENAI", 6],
  ["ANTHROPIC", 5],
  ["SLACK", 5],
  ["ZOHO", 4],
  ["DOCUSIGN", 4],
  ["NOTION", 4],
  ["INTUIT", 3],
  ["MARKETO", 3],
  ["GONG", 3],
  ["CLICKUP", 2],
  ["ADYEN", 2],
  ["CHARGEBEE", 2],
  ["METRONOME", 2],
  ["ORB", 2],
  ["LAGO", 2],
  ["DEEPSEEK", 1],
  ["KIMI", 1],
  ["MINIMAX", 1],
  ["ANTIGRAVITY", 1],
  ["DNS", 1],
  ["OAUTH2", 1],
];

export const TAGS = ["vip", "lead", "customer", "churned", "newsletter", "beta", "event-2025"] as const;

/** Opportunity stages and the win probability a CRM gives each. */
export const STAGES: readonly (readonly [stage: string, probability: number, weight: number])[] = [
  ["Prospecting", 10, 20],
  ["Qualification", 20, 16],
  ["Proposal", 50, 14],
  ["Negotiation", 75, 10],
  ["Closed Won", 100, 25],
  ["Closed Lost", 0, 15],
];
/** Account types of accounts without a won deal (those are customers). */
export const ACCOUNT_TYPES = ["Customer", "Prospect", "Prospect", "Target"] as const;
/** Opportunity currencies, weighted, with the usual size of a deal in that currency. */
export const CURRENCIES: readonly (readonly [code: string, weight: number, scale: number])[] = [
  ["USD", 64, 1000],
  ["EUR", 16, 1000],
  ["GBP", 8, 1000],
  ["CAD", 5, 1000],
  ["AUD", 4, 1000],
  ["JPY", 3, 100_000],
];
export const DEAL_KINDS = ["Migration", "Renewal", "Expansion", "Pilot", "Marketplace Private Offer", "Co-sell"];

export const ENRICHMENT_STATUSES = ["active", "active", "active", "active", "stale", "archived"] as const;

/** Job titles with the function and seniority an enrichment service infers from them. */
export const JOB_TITLES: readonly (readonly [title: string, jobFunction: string, seniority: string])[] = [
  ["Partner Director", "Partnerships", "director"],
  ["Partner Development Manager", "Partnerships", "manager"],
  ["Head of Alliances", "Partnerships", "director"],
  ["VP Partnerships", "Partnerships", "vp"],
  ["Alliance Manager", "Partnerships", "manager"],
  ["Partner Solutions Architect", "Partnerships", "ic"],
  ["Account Executive", "Sales", "ic"],
  ["Sales Director", "Sales", "director"],
  ["VP Sales", "Sales", "vp"],
  ["Chief Revenue Officer", "Sales", "c_suite"],
  ["Software Engineer", "Engineering", "ic"],
  ["Engineering Manager", "Engineering", "manager"],
  ["CTO", "Engineering", "c_suite"],
  ["Marketing Manager", "Marketing", "manager"],
  ["CMO", "Marketing", "c_suite"],
  ["Financial Analyst", "Finance", "ic"],
  ["CFO", "Finance", "c_suite"],
  ["Product Manager", "Product", "manager"],
  ["Director of Product", "Product", "director"],
  ["Cloud Architect", "IT", "ic"],
  ["IT Manager", "IT", "manager"],
  ["CIO", "IT", "c_suite"],
];
/** `info.role`: how the seller's team sees the contact. */
export const ROLES = [
  "Partner Development Manager",
  "Partner Sales Manager",
  "Alliance Manager",
  "Marketplace Manager",
  "Solutions Architect",
  "Decision Maker",
  "Champion",
  "Technical Evaluator",
  "Procurement",
] as const;
export const LAST_MODIFIED_BY = ["sync-bot", "crm-import", "user_7", "alice@seller.example", "enrichment"] as const;
