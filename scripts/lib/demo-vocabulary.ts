/**
 * Word lists the demo data is drawn from. Names include non-ASCII letters and
 * apostrophes on purpose, so case folding, escaping and sorting by code point
 * can be tried on the demo data.
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

export interface Company {
  name: string;
  domain: string;
  location: string;
  country: string;
  city: string;
}
export const COMPANIES: readonly Company[] = [
  { name: "Acme Corp", domain: "acme.com", location: "Seattle, WA", country: "US", city: "Seattle" },
  { name: "Globex", domain: "globex.io", location: "Springfield, OR", country: "US", city: "Springfield" },
  { name: "Initech", domain: "initech.com", location: "Austin, TX", country: "US", city: "Austin" },
  { name: "Umbrella Health", domain: "umbrella-health.com", location: "London", country: "GB", city: "London" },
  { name: "Stark Industries", domain: "stark.com", location: "New York, NY", country: "US", city: "New York" },
  { name: "Wayne Enterprises", domain: "wayne.co", location: "Chicago, IL", country: "US", city: "Chicago" },
  { name: "Soylent Foods", domain: "soylent.de", location: "Berlin", country: "DE", city: "Berlin" },
  { name: "Tyrell Systems", domain: "tyrell.ai", location: "San Francisco, CA", country: "US", city: "San Francisco" },
  { name: "Cyberdyne", domain: "cyberdyne.fr", location: "Paris", country: "FR", city: "Paris" },
  { name: "Hooli", domain: "hooli.xyz", location: "Palo Alto, CA", country: "US", city: "Palo Alto" },
  { name: "Vandelay Industries", domain: "vandelay.es", location: "Madrid", country: "ES", city: "Madrid" },
  { name: "Nakatomi Trading", domain: "nakatomi.jp", location: "Tokyo", country: "JP", city: "Tokyo" },
  { name: "Wonka Logistics", domain: "wonka.nl", location: "Amsterdam", country: "NL", city: "Amsterdam" },
  { name: "Oscorp Bank", domain: "oscorp.ca", location: "Toronto", country: "CA", city: "Toronto" },
  { name: "Pied Piper", domain: "piedpiper.com", location: "Bengaluru", country: "IN", city: "Bengaluru" },
];

export const PARTNERS = ["AWS", "AWS", "AWS", "AZURE", "AZURE", "GCP", "GCP", "ORACLE"] as const;
export const TAGS = ["vip", "partner", "lead", "customer", "churned", "newsletter", "beta", "event-2025"] as const;
export const INDUSTRIES = [
  "Software",
  "Healthcare",
  "Financial Services",
  "Retail",
  "Manufacturing",
  "Media",
  "Energy",
];
export const STAGES = ["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"] as const;
export const STATUSES = ["active", "active", "active", "stale", "archived"] as const;
export const SENIORITIES = ["entry", "senior", "manager", "director", "vp", "cxo"] as const;
export const DEPARTMENTS = ["Engineering", "Sales", "Marketing", "Finance", "Operations", "Product", "IT"] as const;
export const TITLES: Record<string, readonly string[]> = {
  Engineering: ["Software Engineer", "Staff Engineer", "Engineering Manager", "CTO"],
  Sales: ["Account Executive", "Sales Director", "VP Sales", "Partner Manager"],
  Marketing: ["Marketing Manager", "Head of Growth", "CMO"],
  Finance: ["Financial Analyst", "Controller", "CFO"],
  Operations: ["Operations Lead", "COO"],
  Product: ["Product Manager", "Director of Product"],
  IT: ["Cloud Architect", "IT Manager", "CIO"],
};
export const SKILLS = [
  "Kubernetes",
  "Terraform",
  "Postgres",
  "TypeScript",
  "Python",
  "FinOps",
  "Security",
  "Data Engineering",
  "Machine Learning",
  "Negotiation",
  "Salesforce",
  "Go-to-Market",
  "Serverless",
];
export const ROLES = ["Decision Maker", "Champion", "Influencer", "Technical Evaluator", "Procurement"] as const;
