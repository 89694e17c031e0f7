import { describe, expect, it } from "vitest";
import { f } from "../../sdk/src/index.ts";
import { CONTACT_SCOPE, resolveField } from "../../src/query/field-registry.ts";
import { GENERATED_ORG, ORG_ALPHA } from "../fixtures/contacts.ts";
import { referenceFacet } from "../reference/facets.ts";
import { projectContact, responseContact } from "../reference/project.ts";
import { parseCsv } from "../support/csv.ts";
import { keyFor, request } from "../support/http.ts";
import { collect, referenceRows, sdkClient, thrown } from "../support/sdk.ts";

/** The SDK's export (NDJSON and CSV, progress, cut answers) and facets, against the Worker. */

/** A `fetch` whose answer streams `chunks`, one per read, then ends, or fails with `failure`. */
function streaming(chunks: string[], failure?: Error) {
  return async () => {
    let next = 0;
    return new Response(
      new ReadableStream({
        pull(controller) {
          const chunk = chunks[next++];
          if (chunk !== undefined) controller.enqueue(new TextEncoder().encode(chunk));
          else if (failure) controller.error(failure);
          else controller.close();
        },
      }),
      { status: 200 },
    );
  };
}

describe("export(): NDJSON", () => {
  it("iterates every matching contact, in order, and counts progress", async () => {
    const { client } = sdkClient(GENERATED_ORG);
    const progress: [number, number | null][] = [];
    const contacts = await collect(
      client.export({
        q: f.or(f.has("tags", "vip"), f.isNotNull("info.partner")),
        s: "-name",
        onProgress: (done, total) => progress.push([done, total]),
      }),
    );
    const expected = referenceRows('(or (has tags "vip") (exists info.partner))', "-name").map(responseContact);
    expect(expected.length).toBeGreaterThan(20);
    expect(contacts).toEqual(expected);
    expect(progress.map(([done]) => done)).toEqual(Array.from({ length: expected.length + 1 }, (_, i) => i));
  });

  it("onProgress gets the total from X-Total-Count, exact up to 10,000", async () => {
    const { client } = sdkClient(GENERATED_ORG);
    const totals = new Set<string>();
    await collect(
      client.export({ q: "(exists name)", onProgress: (_, total, exact) => totals.add(`${total} ${exact}`) }),
    );
    expect([...totals]).toEqual([`${referenceRows("(exists name)", "id").length} true`]);
  });

  it("with fields, contacts hold id and those keys, typed so", async () => {
    const { client } = sdkClient(GENERATED_ORG);
    const contacts = await collect(client.export({ q: "(exists name)", s: "name", fields: ["name", "info.partner"] }));
    expect(contacts).toEqual(
      referenceRows("(exists name)", "name").map((row) => projectContact(row, ["name", "info.partner"])),
    );
    // @ts-expect-error not asked for
    expect(contacts[0]?.tags).toBeUndefined();
  });

  it("breaking out of the loop ends the export early, without error", async () => {
    const { client } = sdkClient(GENERATED_ORG);
    const taken: string[] = [];
    for await (const contact of client.export({ s: "name" })) {
      taken.push(contact.id);
      if (taken.length === 3) break;
    }
    expect(taken).toEqual(
      referenceRows("(exists id)", "name")
        .slice(0, 3)
        .map((row) => row.id),
    );
  });

  it("an error before the first byte throws a ContactQueryError naming the parameter", async () => {
    const { client } = sdkClient(ORG_ALPHA);
    const error = await thrown(collect(client.export({ q: "(= nme 1)" })));
    expect([error.status, error.param]).toEqual([400, "q"]);
    expect(error.detail).toMatch(/^q: unknown field 'nme'/);
  });

  it("an answer cut inside a line, or failing mid-way, throws export_incomplete: never a clean end", async () => {
    const cut = sdkClient(ORG_ALPHA, { send: streaming(['{"id":"a"}\n{"id":"b"']) }).client.export();
    expect(await cut.next()).toEqual({ done: false, value: { id: "a" } });
    const error = await thrown(cut.next());
    expect([error.status, error.code]).toEqual([200, "export_incomplete"]);
    expect(error.detail).toMatch(/after 1 contacts/);

    const reset = new Error("connection reset");
    const failing = sdkClient(ORG_ALPHA, { send: streaming(['{"id":"a"}\n'], reset) }).client;
    const seen: unknown[] = [];
    const failed = await thrown(
      (async () => {
        for await (const contact of failing.export()) seen.push(contact);
      })(),
    );
    expect(seen).toEqual([{ id: "a" }]);
    expect(failed.code).toBe("export_incomplete");
    expect(failed.cause).toBe(reset);
  });

  it("takes search", async () => {
    const { client } = sdkClient(ORG_ALPHA);
    const contacts = await collect(client.export({ search: "ada love" }));
    expect(contacts.map((contact) => contact.id)).toEqual(["c_ada"]);
  });
});

describe("export(): CSV", () => {
  it("streams the CSV text exactly as the service writes it, counting records", async () => {
    const { client } = sdkClient(GENERATED_ORG);
    let records = 0;
    const chunks = await collect(
      client.export({
        format: "csv",
        q: "(exists info.partner)",
        s: "name",
        fields: ["name", "info.partner", "info.companyName", "tags"],
        onProgress: (done) => {
          records = done;
        },
      }),
    );
    const raw = await request(
      `/org/${GENERATED_ORG}/contact/export?format=csv&q=(exists+info.partner)&s=name&fields=name,info.partner,info.companyName,tags`,
      { headers: { Authorization: `Bearer ${keyFor(GENERATED_ORG)}` } },
    );
    const text = chunks.join("");
    expect(text).toBe(await raw.text());
    expect(text).toContain('quote""d'); // a quoted field with a doubled quote
    expect(records).toBe(parseCsv(text).length - 1);
    expect(records).toBe(referenceRows("(exists info.partner)", "name").length);
  });

  it("counts records, not lines: a quoted field may hold line breaks", async () => {
    const send = streaming(['id,name\r\nc1,"Ada\r\n', 'Lovelace"\r\nc2,"Gr', 'ace ""G"""\r\n']);
    const done: number[] = [];
    const text = await collect(
      sdkClient(ORG_ALPHA, { send }).client.export({ format: "csv", onProgress: (count) => done.push(count) }),
    );
    expect(text.join("")).toBe('id,name\r\nc1,"Ada\r\nLovelace"\r\nc2,"Grace ""G"""\r\n');
    expect(done).toEqual([0, 1, 2]);
  });

  it("a CSV answer cut inside a record throws export_incomplete", async () => {
    const send = streaming(['id,name\r\nc1,"Ada\r\n', 'Lovelace"\r\nc2,"Gr']);
    const error = await thrown(collect(sdkClient(ORG_ALPHA, { send }).client.export({ format: "csv" })));
    expect(error.code).toBe("export_incomplete");
    expect(error.detail).toMatch(/after 1 records/);
  });
});

describe("facets()", () => {
  it("counts as the reference does, keyed by canonical names", async () => {
    const { client } = sdkClient(GENERATED_ORG);
    const answer = await client.facets({
      q: f.has("tags", "vip"),
      facet: ["info.partner", "emailAddress", "tags"],
      limit: 4,
    });
    const matching = referenceRows('(has tags "vip")', "id");
    const counts = (name: string) => referenceFacet(matching, resolveField(name, CONTACT_SCOPE) as never, 4);
    expect(answer.facets).toEqual({
      email_address: counts("email_address"),
      "info.partner": counts("info.partner"),
      tags: counts("tags"),
    });
    expect(answer.facets.email_address).toEqual(counts("email_address"));
    expect(answer.total_count).toBe(matching.length);
  });

  it("a refused request throws a ContactQueryError; only facetable fields compile", async () => {
    const { client } = sdkClient(ORG_ALPHA);
    // @ts-expect-error a date-time is not facetable
    const error = await thrown(client.facets({ facet: ["creation_time"] }));
    expect([error.status, error.param]).toEqual([400, "facet"]);
    expect(error.detail).toMatch(/^facet: field 'creation_time' is of type date-time/);
  });

  it("stats, histograms and the count mode, in one request", async () => {
    const { client, calls } = sdkClient(GENERATED_ORG);
    const answer = await client.facets({
      q: f.isNotNull("info.partner"),
      facet: ["info.partner"],
      stats: ["info.cosellPartnerMetrics.accountCount", "creation_time"],
      histogram: ["creation_time:month", "info.cosellPartnerMetrics.accountCount:5"],
      count: "estimated",
    });
    expect(calls).toHaveLength(1);
    const matching = referenceRows("(exists info.partner)", "id");
    expect(answer.total_count).toBe(matching.length);
    expect(answer.exact).toBe(true);
    const counts = matching
      .map(
        (row) => (row.info as { cosellPartnerMetrics?: { accountCount?: unknown } }).cosellPartnerMetrics?.accountCount,
      )
      .filter((value): value is number => typeof value === "number"); // integer or not: a number, as filters read it
    expect(answer.stats["info.cosellPartnerMetrics.accountCount"]).toMatchObject({
      count: counts.length,
      min: Math.min(...counts),
      max: Math.max(...counts),
      sum: counts.reduce((sum, value) => sum + value, 0),
    });
    expect(answer.stats.creation_time.count).toBe(matching.length);
    const months = answer.histograms["creation_time:month"] ?? [];
    expect(months.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(matching.length);
    expect(Object.keys(answer.histograms).sort()).toEqual([
      "creation_time:month",
      "info.cosellPartnerMetrics.accountCount:5",
    ]);
  });

  it("takes search, on facets and queries alike", async () => {
    const { client } = sdkClient(ORG_ALPHA);
    const answer = await client.facets({ search: "ada", facet: ["info.partner"] });
    expect(answer.facets["info.partner"]).toEqual([{ value: "AWS", count: 1 }]);
    const page = await client.query({ search: "ÁDA lovelace", q: f.has("tags", "vip") });
    expect(page.data.map((contact) => contact.id)).toEqual(["c_ada"]);
  });
});
