import { ContactQueryClient, ContactQueryError } from "contact-query-sdk";

// Reads answered 429 (rate limited) or 503 (database unavailable) are tried again as Retry-After
// says: twice by default. A page in front of a person should rather fail fast.
const interactive = new ContactQueryClient({
  baseUrl: process.env.CONTACT_QUERY_URL ?? "http://127.0.0.1:8787",
  apiKey: process.env.CONTACT_QUERY_API_KEY ?? "",
  organizationId: process.env.CONTACT_QUERY_ORG ?? "org_demo_acme",
  retries: 1,
  maxRetryDelayMs: 5_000, // a longer Retry-After is thrown at once, with error.retryAfter set
});

try {
  const { total_count } = await interactive.query({ page_size: 1 });
  console.log(`${total_count} contacts`);
} catch (error) {
  if (error instanceof ContactQueryError && error.retryAfter !== null) {
    console.log(`busy: try again in ${error.retryAfter} s`);
  } else {
    throw error;
  }
}
