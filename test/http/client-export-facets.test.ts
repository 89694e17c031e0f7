import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Connection, type Contact, exportContacts, f, facets } from "../../src/client/index.ts";
import { buildFilter } from "../../src/query/build-filter.ts";
import { CONTACT_SCOPE, resolveField } from "../../src/query/field-registry.ts";
import { readLisp } from "../../src/query/lisp.ts";
import { parseSimpleSort } from "../../src/query/sort.ts";
import { ALL_FIXTURES, GENERATED_ORG, ORG_ALPHA } from "../fixtures/contacts.ts";
import { referenceQuery } from "../reference/evaluate.ts";
import { referenceFacet } from "../reference/facets.ts";
import { projectContact, responseContact } from "../reference/project.ts";
import { keyFor } from "../support/http.ts";

/** The typed client's export iterator and facets call, against the Worker. */
const connection = (organizationId: string, send?: typeof fetch): Connection => ({
  baseUrl: "https://api.test/",
  organizationId,
  apiKey: keyFor(organizationId),
  fetch: send ?? ((input, init) => exports.default.fetch(new Request(input as string, init))),
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const reference = (lisp: string, sort: string) =>
  referenceQuery(ALL_FIXTURES, GENERATED_ORG, buildFilter(readLisp(lisp), "lisp"), parseSimpleSort(sort));

describe("client: exportContacts", () => {
  it("iterates every matching contact, in order, from a filter built with f", async () => {
    const filter = f.or(f.has("tags", "vip"), f.isNotNull("info.partner"));
    const contacts = await collect(exportContacts(connection(GENERATED_ORG), { q: filter, s: "-name" }));
    const expected = reference('(or (has tags "vip") (exists info.partner))', "-name").map(responseContact);
    expect(expected.length).toBeGreaterThan(20);
    expect(contacts).toEqual(expected);
  });

  it("with fields, contacts hold id and those keys (typed by the caller)", async () => {
    const contacts = await collect(
      exportContacts<Pick<Contact, "id" | "name">>(connection(GENERATED_ORG), {
        q: "(exists name)",
        s: "name",
        fields: ["name"],
      }),
    );
    expect(contacts).toEqual(reference("(exists name)", "name").map((row) => projectContact(row, ["name"])));
  });

  it("an error status throws with the API's message", async () => {
    await expect(collect(exportContacts(connection(ORG_ALPHA), { q: "(= nme 1)" }))).rejects.toThrow(
      /^export: 400 "q: unknown field 'nme'/,
    );
  });

  it("a response cut inside a line, or failing mid-way, throws: never a clean end", async () => {
    const cut: typeof fetch = async () => new Response('{"id":"a"}\n{"id":"b"', { status: 200 });
    const iterator = exportContacts(connection(ORG_ALPHA, cut));
    expect(await iterator.next()).toEqual({ done: false, value: { id: "a" } });
    await expect(iterator.next()).rejects.toThrow("export: the response ended inside a line");

    const failing: typeof fetch = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"id":"a"}\n'));
            controller.error(new Error("connection reset"));
          },
        }),
        { status: 200 },
      );
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const contact of exportContacts(connection(ORG_ALPHA, failing))) seen.push(contact);
      })(),
    ).rejects.toThrow("connection reset");
  });
});

describe("client: facets", () => {
  it("counts as the reference does, keyed by canonical names", async () => {
    const answer = await facets(connection(GENERATED_ORG), {
      q: f.has("tags", "vip"),
      facet: ["info.partner", "emailAddress", "tags"],
      limit: 4,
    });
    const matching = reference('(has tags "vip")', "id");
    const counts = (name: string) => referenceFacet(matching, resolveField(name, CONTACT_SCOPE) as never, 4);
    expect(answer).toEqual({
      facets: { email_address: counts("email_address"), "info.partner": counts("info.partner"), tags: counts("tags") },
      total_count: matching.length,
    });
  });

  it("only facetable fields compile; a refused request throws with the API's message", async () => {
    // @ts-expect-error a date-time is not facetable
    const refused = facets(connection(ORG_ALPHA), { facet: ["creation_time"] });
    await expect(refused).rejects.toThrow(/^facets: 400 "facet: field 'creation_time' is of type date-time/);
  });
});
