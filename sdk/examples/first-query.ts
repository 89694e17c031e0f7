import { f } from "contact-query-sdk";
import { client } from "./connect.js";

// AWS partner contacts with at least one linked account, newest first.
const page = await client.query({
  q: f.and(f.eq("info.partner", "AWS"), f.gte("info.cosellPartnerMetrics.accountCount", 1)),
  s: "-creation_time",
  page_size: 5,
  fields: ["name", "email_address", "info.companyName"],
});

console.log(`${page.total_count} contacts match; the newest ${page.data.length}:`);
for (const contact of page.data) {
  // Typed by `fields`: id, name, emailAddress and info only.
  console.log(`  ${contact.name} <${contact.emailAddress}> at ${String(contact.info.companyName)}`);
}
