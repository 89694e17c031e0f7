/**
 * A consumer of the published package, type-checked with `strict` under
 * `moduleResolution` `bundler` (browser globals, no Node types) and `node16`
 * (Node types, no DOM) by `npm run sdk:check-package`: what a project that
 * installs the SDK may write, and what it must not be able to.
 */
import {
  type Contact,
  type ContactPage,
  ContactQueryClient,
  ContactQueryError,
  type FacetValue,
  type Filter,
  f,
  type NumberStats,
  type ProjectedContact,
  toJson,
  toLisp,
} from "contact-query-sdk";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | undefined {
  return undefined;
}

export async function consume(baseUrl: string, apiKey: string, organizationId: string): Promise<string[]> {
  const client = new ContactQueryClient({
    baseUrl,
    apiKey,
    organizationId,
    fetch: (input, init) => fetch(input, init),
    retries: 0,
  });
  const out: string[] = [];

  const filter: Filter = f.and(
    f.eq("info.partner", "AWS"),
    f.gte("info.cosellPartnerMetrics.accountCount", 3),
    f.gt("info.cosellPartnerMetrics.pipeline.EUR", 10),
    f.any("info.cosellPartnerMetrics.accounts", (account) =>
      account.any("opportunities", (opportunity) => opportunity.eq("stageName", "Closed Won")),
    ),
    f.in("info.enrichedContactInfo.status", ["active", "stale"]),
    f.between("creation_time", "2024-01-01", "2025-01-01"),
    f.has("tags", "vip"),
  );
  out.push(toLisp(filter), toJson(filter));

  // @ts-expect-error an enum value in the wrong case (the documented value is "AWS")
  f.eq("info.partner", "aws");
  // @ts-expect-error an unknown field
  f.eq("nme", "x");
  // @ts-expect-error a number field compares with numbers
  f.gt("info.cosellPartnerMetrics.accountCount", "3");
  // @ts-expect-error arrays are not ordered
  f.gt("tags", "x");
  // @ts-expect-error `has` takes arrays of strings
  f.has("name", "x");
  // @ts-expect-error map keys are upper-case currency codes
  f.gt("info.cosellPartnerMetrics.pipeline.eur", 1);
  // @ts-expect-error element fields exist only inside `any`
  f.eq("industry", "Software");

  const page: ContactPage = await client.query({ q: filter, s: [{ field: "name" }], page_size: 10 });
  const whole: Contact | undefined = page.data[0];
  out.push(String(whole?.info.partner));

  const projected = await client.query({ q: "(exists name)", fields: ["name", "info.partner"] });
  expectType<Equal<(typeof projected.data)[number], ProjectedContact<"name" | "info.partner">>>();
  expectType<Equal<keyof (typeof projected.data)[number], "id" | "name" | "info">>();
  // @ts-expect-error not projected
  projected.data[0]?.emailAddress;

  for await (const each of client.pages({ q: f.has("tags", "vip"), page_size: 100, count: "none" })) {
    out.push(String(each.data.length));
  }
  for await (const contact of client.export({
    fields: ["email_address"],
    onProgress: (done, total) => done + (total ?? 0),
  })) {
    expectType<Equal<keyof typeof contact, "id" | "emailAddress">>();
  }
  for await (const chunk of client.export({ format: "csv" })) {
    expectType<Equal<typeof chunk, string>>();
  }

  const answer = await client.facets({
    search: "ada",
    facet: ["info.partner", "emailAddress"],
    stats: ["info.cosellPartnerMetrics.successRate", "creation_time"],
    histogram: ["creation_time:month", "info.cosellPartnerMetrics.accountCount:5"],
    count: "estimated",
  });
  expectType<Equal<typeof answer.facets, Record<"info.partner" | "email_address", FacetValue[]>>>();
  const rate: NumberStats = answer.stats["info.cosellPartnerMetrics.successRate"];
  out.push(String(rate.avg), String(answer.stats.creation_time.min), String(Object.keys(answer.histograms).length));
  // @ts-expect-error a date-time is not facetable
  await client.facets({ facet: ["creation_time"] });
  // @ts-expect-error a string is not summed
  await client.facets({ stats: ["name"] });
  // @ts-expect-error dates take calendar intervals
  await client.facets({ histogram: ["creation_time:7"] });

  try {
    await client.query({ q: "(= nme 1)" });
  } catch (error) {
    if (!(error instanceof ContactQueryError)) throw error;
    out.push(`${error.status} ${error.code} ${error.param} ${error.hint} ${error.detail} ${error.retryAfter}`);
  }
  out.push((await client.fields()).fields[0]?.name ?? "", (await client.purge()).generation);
  return out;
}
