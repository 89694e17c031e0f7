import { f } from "contact-query-sdk";
import { client } from "./connect.js";

// How partner contacts split by partner and by tag, in one request.
const answer = await client.facets({
  q: f.has("tags", "partner"),
  facet: ["info.partner", "tags"],
  limit: 5,
});
console.log(`${answer.total_count} partner contacts`);
for (const { value, count } of answer.facets["info.partner"]) console.log(`  ${value ?? "(none)"}: ${count}`);
console.log("tags:", answer.facets.tags.map(({ value, count }) => `${value}=${count}`).join(", "));
