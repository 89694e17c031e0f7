import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileNameOf, readExport, recordCounter } from "../../explorer/src/api/export-stream.ts";
import { readApiError } from "../../explorer/src/api/problem.ts";
import { curlCommand, shellQuote, typescriptSnippet } from "../../explorer/src/snippets.ts";
import { DEFAULT_VIEW, viewFromHash, viewToHash } from "../../explorer/src/state/view-state.ts";
import { attachment } from "../../src/endpoints/export/export.response.ts";
import { csvRecords } from "../../src/service/csv.ts";

/**
 * The explorer's side of the wire: error bodies in both forms, counting an
 * export's contacts as its bytes stream in (against the service's own CSV
 * writer), the download's file name (against the service's
 * Content-Disposition), the view in the URL, and the copied commands.
 */
describe("error answers", () => {
  it("reads the JSON string body: parameter and position from the text", async () => {
    const body = JSON.stringify("q: unknown field 'info.partnr' (did you mean 'info.partner'?) at line 2, column 9");
    const error = await readApiError(
      new Response(body, { status: 400, headers: { "Content-Type": "application/json" } }),
    );
    expect(error).toMatchObject({ status: 400, param: "q", position: { line: 2, column: 9 }, hint: null, code: null });
  });

  it("reads RFC 9457 problem details: its own fields, the position included", async () => {
    const problem = {
      type: "/docs/errors#unknown_field",
      title: "Unknown field",
      status: 400,
      detail: "q: unknown field 'emial' at /1",
      code: "unknown_field",
      param: "q",
      position: { pointer: "/1" },
      hint: "did you mean 'email_address'?",
    };
    const error = await readApiError(
      new Response(JSON.stringify(problem), { status: 400, headers: { "Content-Type": "application/problem+json" } }),
    );
    expect(error).toMatchObject({
      detail: problem.detail,
      param: "q",
      position: { pointer: "/1" },
      hint: problem.hint,
      code: "unknown_field",
    });
  });

  it("says what it can of a body that is neither", async () => {
    const error = await readApiError(new Response("Bad gateway", { status: 502, statusText: "Bad Gateway" }));
    expect(error).toMatchObject({ status: 502, detail: "Bad gateway", param: null, position: null });
  });
});

describe("an export's progress", () => {
  const chunked = (bytes: Uint8Array, cuts: number[]) => {
    const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
    return [0, ...points, bytes.length].slice(1).map((end, i, ends) => bytes.subarray(i === 0 ? 0 : ends[i - 1], end));
  };

  it("counts the service's CSV records, however the bytes are cut, quoted line breaks included", () => {
    const cell = fc.oneof(fc.constant(null), fc.string({ unit: fc.constantFrom('"', ",", "\r", "\n", "a", "é") }));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, cuts) => {
          const bytes = new TextEncoder().encode(csvRecords([["id", "name"], ...rows]));
          const counter = recordCounter("csv");
          let seen = 0;
          for (const chunk of chunked(bytes, cuts)) {
            const now = counter.push(chunk);
            expect(now).toBeGreaterThanOrEqual(seen);
            seen = now;
          }
          expect(counter.finish()).toBe(rows.length);
        },
      ),
    );
  });

  it("counts NDJSON lines, a last line without its line break included", () => {
    const counter = recordCounter("ndjson");
    expect(counter.push(new TextEncoder().encode('{"id":"a"}\n{"id":'))).toBe(1);
    expect(counter.push(new TextEncoder().encode('"b"}'))).toBe(1);
    expect(counter.finish()).toBe(2);
  });

  it("reads the stream to its end with the total from X-Total-Count, and the file name", async () => {
    const body = '{"id":"a"}\n{"id":"b"}\n';
    const response = new Response(body, {
      headers: {
        "Content-Type": "application/x-ndjson",
        "Content-Disposition": attachment("contacts-org_a.ndjson"),
        "X-Total-Count": "2",
        "X-Total-Count-Exact": "true",
      },
    });
    const seen: unknown[] = [];
    const result = await readExport(response, "ndjson", "fallback.ndjson", (progress) => seen.push(progress));
    expect(result.contacts).toBe(2);
    expect(result.fileName).toBe("contacts-org_a.ndjson");
    expect(await result.blob.text()).toBe(body);
    expect(seen.at(-1)).toEqual({ received: 2, total: 2, totalExact: true });
    const withoutTotal = await readExport(new Response(body), "ndjson", "fallback.ndjson", () => undefined);
    expect(withoutTotal.fileName).toBe("fallback.ndjson");
  });

  it("takes the file name the service's Content-Disposition gives, non-ASCII names too", () => {
    for (const name of ["contacts-org_a.csv", 'odd "name".csv', "contacts-zoë.csv"]) {
      expect(fileNameOf(attachment(name))).toBe(name);
    }
    expect(fileNameOf(null)).toBeUndefined();
  });
});

describe("the view in the URL", () => {
  it("is only what differs from the defaults, and reads back to the same view", () => {
    expect(viewToHash(DEFAULT_VIEW)).toBe("");
    const view = {
      ...DEFAULT_VIEW,
      org: "org_a",
      q: '(and (= info.partner "AWS") (has tags "vip & co"))',
      qs: "lisp" as const,
      search: "ada lov",
      s: "-name,creation_time",
      fields: ["name", "info.role"],
      facets: [],
    };
    const hash = viewToHash(view);
    expect(hash).not.toContain("key");
    expect(viewFromHash(hash)).toEqual(view);
    expect(viewFromHash("#qs=json&q=%5B%22exists%22%2C%22name%22%5D")).toMatchObject({
      qs: "json",
      q: '["exists","name"]',
    });
  });
});

describe("the copied commands", () => {
  it("quotes every value for the shell, exactly", async () => {
    const run = promisify(execFile);
    for (const text of ['(= name "O\'Brien")', "it's $HOME `x` \\ \n end", "plain", ""]) {
      const { stdout } = await run("sh", ["-c", `printf %s ${shellQuote(text)}`]);
      expect(stdout).toBe(text);
    }
  });

  it("curl reads the key from the environment, and TypeScript calls the SDK", () => {
    const params: [string, string][] = [
      ["q", '(= info.partner "AWS")'],
      ["page_size", "50"],
      ["fields", "name,email_address"],
      ["count", "estimated"],
    ];
    const curl = curlCommand("http://127.0.0.1:8787", "/org/org_a/contact/query", params);
    expect(curl).toContain('-H "Authorization: Bearer $CONTACTS_API_KEY"');
    expect(curl).toContain(`--data-urlencode 'q=(= info.partner "AWS")'`);
    const typescript = typescriptSnippet("http://127.0.0.1:8787", "org_a", params);
    expect(typescript).toContain(
      `client.query({ q: '(= info.partner "AWS")', page_size: 50, fields: ["name","email_address"], count: "estimated" })`,
    );
  });
});
