import { ContactQueryClient } from "contact-query-sdk";

// One client per organization; the other examples import this one.
export const client = new ContactQueryClient({
  baseUrl: process.env.CONTACT_QUERY_URL ?? "http://127.0.0.1:8787",
  apiKey: process.env.CONTACT_QUERY_API_KEY ?? "",
  organizationId: process.env.CONTACT_QUERY_ORG ?? "org_demo_acme",
});
