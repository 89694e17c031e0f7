import { afterEach, describe, expect, inject, it } from "vitest";
import { GENERATED, GENERATED_ORG, ORG_ALPHA, ORG_BETA, ORG_EMPTY } from "../fixtures/contacts.ts";
import { type Cell, parseCsv } from "../support/csv.ts";
import { execute, scratchOrganization } from "../support/db-write.ts";
import { keyFor, query, request } from "../support/http.ts";
import { fault } from "../support/proxy.ts";

/** `GET|POST /org/:orgId/contact/export` through the Worker: formats, headers, errors, batches, faults. */
function exportOf(organizationId: string, params: Record<string, string> = {}, key = keyFor(organizationId)) {
  const search = new URLSearchParams(params).toString();
  return request(`/org/${organizationId}/contact/export${search ? `?${search}` : ""}`, {
    headers: { Authorization: `Bearer ${key}` },
  });
}

function postExport(organizationId: string, body: unknown, key = keyFor(organizationId), path = "") {
  return request(`/org/${organizationId}/contact/export${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function lines(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/x-ndjson");
  if (text === "") return [];
  expect(text.endsWith("\n")).toBe(true);
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function csv(response: Response): Promise<Cell[][]> {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  return parseCsv(text);
}

async function errorOf(response: Response, status: number): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  return JSON.parse(text) as string;
}

/** Every contact of the organization as the query endpoint pages it (one page of up to 1000). */
async function queried(organizationId: string, params: Record<string, string> = {}) {
  const response = await query(organizationId, { ...params, page_size: "1000" });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Record<string, unknown>[] }).data;
}

afterEach(async () => {
  await fault("reset");
});

describe("export: formats", () => {
  it("NDJSON: every contact, exactly as the query endpoint's data, with a download's headers", async () => {
    const response = await exportOf(ORG_ALPHA);
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="contacts-${ORG_ALPHA}.ndjson"`);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("X-Cache")).toBeNull();
    expect(response.headers.get("ETag")).toBeNull();
    expect(await lines(response)).toEqual(await queried(ORG_ALPHA));
  });

  it("NDJSON with a filter, a sort and a projection; POST with a JSON filter says the same", async () => {
    const params = { q: "(exists info.partner)", s: "name", fields: "name,info.partner,tags" };
    const expected = await queried(ORG_ALPHA, params);
    expect(expected.length).toBeGreaterThan(1);
    expect(await lines(await exportOf(ORG_ALPHA, params))).toEqual(expected);
    const posted = await postExport(ORG_ALPHA, {
      q: ["exists", "info.partner"],
      qs: "json",
      s: [{ field: "name" }],
      ss: "json",
      fields: ["name", "info.partner", "tags"],
    });
    expect(await lines(posted)).toEqual(expected);
  });

  it("CSV: a header of the contact's keys in response order, JSON text for arrays and objects, null empty", async () => {
    const response = await exportOf(ORG_ALPHA, { format: "csv" });
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="contacts-${ORG_ALPHA}.csv"`);
    const [header, ...rows] = await csv(response);
    expect(header).toEqual([
      "companyContactId",
      "creationTime",
      "emailAddress",
      "id",
      "info",
      "lastUpdateTime",
      "name",
      "organizationID",
      "tags",
    ]);
    const contacts = await queried(ORG_ALPHA);
    expect(rows.length).toBe(contacts.length);
    rows.forEach((row, i) => {
      const contact = contacts[i] as Record<string, unknown>;
      (header as string[]).forEach((key, c) => {
        const value = contact[key];
        const cell = row[c] ?? null;
        if (value === null) expect(cell).toBeNull();
        else if (typeof value === "string") expect(cell).toBe(value);
        else expect(JSON.parse(cell as string)).toEqual(value);
      });
    });
  });

  it("CSV with fields: id first unless named, then the fields in the order given, info paths by their path", async () => {
    const [header, ...rows] = await csv(
      await exportOf(ORG_ALPHA, { format: "csv", fields: "info.partner,emailAddress,name", s: "id" }),
    );
    expect(header).toEqual(["id", "info.partner", "emailAddress", "name"]);
    const contacts = await queried(ORG_ALPHA, { s: "id" });
    expect(rows.map((row) => row[0])).toEqual(contacts.map((contact) => contact.id));
    const [idLast] = await csv(await exportOf(ORG_ALPHA, { format: "csv", fields: "name,id" }));
    expect(idLast).toEqual(["name", "id"]);
  });

  it("CSV round trip: quotes, commas, CR/LF, non-ASCII, leading and trailing spaces, empty vs null", async () => {
    const { organizationId, key } = await scratchOrganization("export_csv");
    const names = ['say "hi"', "a,b", "line\nbreak", "cr\r\nlf", "Zoë 東京 🙂", " padded ", "", null, "=1+2"];
    for (const [i, name] of names.entries()) {
      await execute(
        "INSERT INTO contacts (id, organization_id, name, info, tags, creation_time, last_update_time) VALUES ($1, $2, $3, $4, $5, $6, $6)",
        [
          `${organizationId}_csv_${i}`,
          organizationId,
          name,
          JSON.stringify({ partner: name, companyName: { nested: [name, 1.5, true, null] } }),
          name === null ? [] : [name, "x"],
          "2024-01-01T00:00:00Z",
        ],
      );
    }
    const fields = "name,tags,info.partner,info.companyName";
    const [header, ...rows] = await csv(await exportOf(organizationId, { format: "csv", fields, s: "id" }, key));
    expect(header).toEqual(["id", "name", "tags", "info.partner", "info.companyName"]);
    // Text cells as stored; JSON cells (Postgres spaces them) compared as values.
    expect(
      rows.map((row) => [row[0], row[1], JSON.parse(row[2] as string), row[3], JSON.parse(row[4] as string)]),
    ).toEqual(
      names.map((name, i) => [
        `${organizationId}_csv_${i}`,
        name,
        name === null ? [] : [name, "x"],
        name,
        { nested: [name, 1.5, true, null] },
      ]),
    );
  });

  it("an empty export: no line in NDJSON, the header alone in CSV", async () => {
    const empty = await exportOf(ORG_EMPTY);
    expect(await empty.text()).toBe("");
    expect(empty.status).toBe(200);
    const none = await exportOf(ORG_ALPHA, { q: '(= name "nobody at all")', format: "csv", fields: "name" });
    expect(await none.text()).toBe("id,name\r\n");
  });
});

describe("export: negotiation and progress", () => {
  it("without format, Accept chooses: text/csv is CSV, application/x-ndjson (or neither) NDJSON; format wins", async () => {
    const withAccept = (accept: string, params: Record<string, string> = {}) => {
      const search = new URLSearchParams(params).toString();
      return request(`/org/${ORG_ALPHA}/contact/export${search ? `?${search}` : ""}`, {
        headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}`, Accept: accept },
      });
    };
    expect((await csv(await withAccept("text/csv")))[0]?.[0]).toBe("companyContactId");
    expect(await lines(await withAccept("application/x-ndjson"))).toHaveLength(3);
    expect(await lines(await withAccept("application/json, */*;q=0.1"))).toHaveLength(3);
    expect((await csv(await withAccept("application/x-ndjson;q=0.5, text/csv"))).length).toBe(4);
    expect(await lines(await withAccept("text/csv", { format: "ndjson" }))).toHaveLength(3);
  });

  it("X-Total-Count and X-Total-Count-Exact say how many contacts the body holds", async () => {
    for (const [organizationId, params, expected] of [
      [ORG_ALPHA, {}, 3],
      [ORG_ALPHA, { q: '(has tags "vip")' }, 1],
      [ORG_EMPTY, {}, 0],
      [GENERATED_ORG, { format: "csv" }, GENERATED.length],
    ] as const) {
      const response = await exportOf(organizationId, params);
      expect(response.headers.get("X-Total-Count"), organizationId).toBe(String(expected));
      expect(response.headers.get("X-Total-Count-Exact"), organizationId).toBe("true");
      const body = await response.text();
      const records = params.format === "csv" ? parseCsv(body).length - 1 : body.split("\n").length - 1;
      expect(records, organizationId).toBe(expected);
    }
  });
});

describe("export: batches", () => {
  it("walks many batches: every contact once, in order", async () => {
    const { organizationId, key } = await scratchOrganization("export_batches");
    await execute(
      `INSERT INTO contacts (id, organization_id, name, creation_time, last_update_time)
       SELECT $1::text || '_b_' || lpad(g::text, 5, '0'), $1, 'name ' || (g % 97), timestamptz '2024-01-01' + (g % 500) * interval '1 minute', now()
       FROM generate_series(1, 2500) AS g`,
      [organizationId],
    );
    const contacts = await lines(await exportOf(organizationId, { s: "name,-creation_time", fields: "name" }, key));
    expect(contacts.length).toBe(2500);
    expect(new Set(contacts.map((contact) => contact.id)).size).toBe(2500);
    const sorted = [...contacts].sort(
      (a, b) => (String(a.name) < String(b.name) ? -1 : String(a.name) > String(b.name) ? 1 : 0), // names are ASCII
    );
    expect(contacts.map((contact) => contact.name)).toEqual(sorted.map((contact) => contact.name));
  });

  it("heavy documents: batches stay within their byte budget, every contact arrives whole", async () => {
    const { organizationId, key } = await scratchOrganization("export_heavy");
    // 40 contacts of ~300 KB each (12 MB): a first batch of 1000 would be far over a batch's 3 MiB.
    await execute(
      `INSERT INTO contacts (id, organization_id, name, info, creation_time, last_update_time)
       SELECT $1::text || '_h_' || lpad(g::text, 3, '0'), $1, 'heavy ' || g, jsonb_build_object('companyName', repeat(chr(65 + g % 26), 300000)),
              timestamptz '2024-01-01' + g * interval '1 minute', now()
       FROM generate_series(1, 40) AS g`,
      [organizationId],
    );
    const contacts = await lines(await exportOf(organizationId, { s: "id", fields: "info.companyName" }, key));
    expect(contacts.map((contact) => contact.id)).toEqual(
      Array.from({ length: 40 }, (_, i) => `${organizationId}_h_${String(i + 1).padStart(3, "0")}`),
    );
    contacts.forEach((contact, i) => {
      expect((contact.info as { companyName: string }).companyName).toBe(
        String.fromCharCode(65 + ((i + 1) % 26)).repeat(300000),
      );
    });
  });

  it("the database failing after the first byte aborts the response: the read fails, it does not end", async () => {
    const { organizationId, key } = await scratchOrganization("export_fault");
    const total = 25_000; // a first batch of 1000, then batches of at most 10,000: at least three
    await execute(
      `INSERT INTO contacts (id, organization_id, name, creation_time, last_update_time)
       SELECT $1::text || '_f_' || lpad(g::text, 5, '0'), $1, 'name ' || g, timestamptz '2024-01-01' + g * interval '1 minute', now()
       FROM generate_series(1, $2::int) AS g`,
      [organizationId, total],
    );
    const response = await exportOf(organizationId, { fields: "name" }, key);
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // The next batch is read only once this one is consumed: the database goes down before that.
    await fault("down");
    const decoder = new TextDecoder();
    let received = decoder.decode(first.value, { stream: true });
    let ended = false;
    const failure = await (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            ended = true;
            return undefined;
          }
          received += decoder.decode(value, { stream: true });
        }
      } catch (error) {
        return error;
      }
    })();
    expect(ended, "the export ended cleanly although the database was down").toBe(false);
    expect(failure).toBeDefined();
    const lineCount = received.split("\n").length - 1;
    expect(lineCount).toBeGreaterThanOrEqual(1000);
    expect(lineCount).toBeLessThan(total);
  });
});

describe("export: errors", () => {
  it("400s name the parameter: format, unknown or repeated parameters, the filter, the fields", async () => {
    expect(await errorOf(await exportOf(ORG_ALPHA, { format: "xml" }), 400)).toBe("format: must be 'ndjson' or 'csv'");
    expect(await errorOf(await exportOf(ORG_ALPHA, { page_size: "10" }), 400)).toBe(
      "page_size: unknown parameter (expected q, qs, s, ss, fields, search or format)",
    );
    const repeated = await request(`/org/${ORG_ALPHA}/contact/export?format=csv&format=ndjson`, {
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
    });
    expect(await errorOf(repeated, 400)).toBe("format: given more than once");
    expect(await errorOf(await exportOf(ORG_ALPHA, { q: "(= name" }), 400)).toMatch(/^q: .* at line 1, column \d+$/);
    expect(await errorOf(await exportOf(ORG_ALPHA, { fields: "nme" }), 400)).toBe(
      "fields: unknown field 'nme' (did you mean 'name'?) at line 1, column 1",
    );
    expect(await errorOf(await postExport(ORG_ALPHA, { format: "csv", page: 1 }), 400)).toBe(
      "page: unknown parameter (expected q, qs, s, ss, fields, search or format in the JSON body)",
    );
    expect(await errorOf(await postExport(ORG_ALPHA, {}, keyFor(ORG_ALPHA), "?format=csv"), 400)).toBe(
      "format: a POST takes its parameters in the JSON body, not the query string",
    );
  });

  it("an empty POST body means all defaults", async () => {
    const response = await request(`/org/${ORG_ALPHA}/contact/export`, {
      method: "POST",
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
    });
    expect(await lines(response)).toEqual(await queried(ORG_ALPHA));
  });

  it("authentication first: 401 without a valid key, 403 with another organization's", async () => {
    const none = await request(`/org/${ORG_ALPHA}/contact/export?format=xml`);
    expect(await errorOf(none, 401)).toMatch(/key/);
    expect(none.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect(await errorOf(await exportOf(ORG_ALPHA, { format: "xml" }, inject("revokedKey")), 401)).toMatch(/key/);
    expect(await errorOf(await exportOf(ORG_ALPHA, {}, keyFor(ORG_BETA)), 403)).toMatch(/organization/);
  });

  it("405 for other methods, with Allow", async () => {
    const response = await request(`/org/${ORG_ALPHA}/contact/export`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${keyFor(ORG_ALPHA)}` },
    });
    expect(await errorOf(response, 405)).toBe("method PUT not allowed; use GET or POST");
    expect(response.headers.get("Allow")).toBe("GET, POST");
  });

  it("the database down before the first byte: an ordinary 503", async () => {
    await exportOf(ORG_ALPHA, { fields: "name" }).then((response) => response.text()); // the key's verdict is cached
    await fault("down");
    const response = await exportOf(ORG_ALPHA, { fields: "name" });
    expect(await errorOf(response, 503)).toMatch(/^database unavailable/);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});
