import { f } from "contact-query-sdk";
import { client } from "./connect.js";

// Every partner contact, streamed: memory stays flat however many there are.
const domains = new Map<string, number>();
for await (const contact of client.export({
  q: f.has("tags", "partner"),
  fields: ["email_address"],
  onProgress: (done, total) => {
    if (done > 0 && done % 50 === 0) console.log(`${done} of ${total ?? "?"} contacts`);
  },
})) {
  const domain = contact.emailAddress?.split("@")[1] ?? "(none)";
  domains.set(domain, (domains.get(domain) ?? 0) + 1);
}
const top = [...domains].sort((a, b) => b[1] - a[1]).slice(0, 3);
console.log("top e-mail domains:", top);
