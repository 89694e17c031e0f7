import { type ContactShape, generateContact } from "./contact-shapes.ts";
import { COMPANIES, TAGS } from "./demo-vocabulary.ts";
import type { ContactRow } from "./load-contacts.ts";
import { Prng } from "./prng.ts";

/**
 * Realistic, deterministic demo contacts for local development: a few
 * organizations of different sizes, built by scripts/data/contact-shapes.ts
 * (shared with the benchmark data) from the small demo vocabulary: 15
 * companies, 8 tags, two years of history; 40% are partner contacts (tagged
 * `partner`, with `cosellPartnerMetrics`), whose opportunities belong to the
 * organization's 12 sales reps.
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

const DEMO_SHAPE: ContactShape = {
  companies: COMPANIES,
  // Two years ending here.
  periodEndMs: Date.UTC(2026, 3, 1),
  periodMs: 2 * 365 * 24 * 3600 * 1000,
  emailNumber: (random) => (random.chance(0.15) ? String(random.int(2, 99)) : ""),
  companyContactId: (index) => `CRM-${String(100_000 + index * 37).padStart(7, "0")}`,
  tags: (random) => random.sample(TAGS, random.int(0, 2)),
  partnerShare: 0.4,
  ownerCount: () => 12,
};

export function demoContacts(organization: DemoOrganization): ContactRow[] {
  const random = new Prng(organization.seed);
  return Array.from({ length: organization.contactCount }, (_, index) =>
    generateContact(random, DEMO_SHAPE, organization.id, index),
  );
}
