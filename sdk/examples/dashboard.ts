import { f } from "contact-query-sdk";
import { client } from "./connect.js";

// A dashboard's numbers in one request: counts per partner, statistics and histograms.
const answer = await client.facets({
  q: f.has("tags", "partner"),
  facet: ["info.partner"],
  stats: ["info.cosellPartnerMetrics.successRate", "info.cosellPartnerMetrics.pipeline.USD", "creation_time"],
  histogram: ["creation_time:month", "info.cosellPartnerMetrics.successRate:10"],
  count: "estimated", // above 10,000 matches, counts may come from a sample
});
const rate = answer.stats["info.cosellPartnerMetrics.successRate"];
console.log(`${answer.total_count} partner contacts${answer.exact ? "" : " (estimated)"}`);
console.log(`success rate: ${rate.min}–${rate.max}%, average ${rate.avg?.toFixed(1)}% over ${rate.count}`);
console.log(`pipeline: ${answer.stats["info.cosellPartnerMetrics.pipeline.USD"].sum} USD`);
console.log(`first contact created ${answer.stats.creation_time.min}`);
for (const { key, count } of answer.histograms["creation_time:month"] ?? [])
  console.log(`  ${key ?? "(none)"}: ${count}`);
