import { afterEach, describe, expect, it, vi } from "vitest";
import { ORG_ALPHA } from "../fixtures/contacts.ts";
import { keyFor, query, setDatabaseDown } from "../support/http.ts";

/** One structured line per request, without secrets or internals (OWASP API8). */
function captureLogs() {
  const lines: string[] = [];
  const record = (...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  };
  vi.spyOn(console, "log").mockImplementation(record);
  vi.spyOn(console, "error").mockImplementation(record);
  vi.spyOn(console, "warn").mockImplementation(record);
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("request log", () => {
  it("writes one JSON line per request with org, status, cache, db time and rows", async () => {
    const lines = captureLogs();
    const secretFilter = '(= email_address "someone.private@example.com")';
    await query(ORG_ALPHA, { q: secretFilter, page_size: "42" });
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.path);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      level: "info",
      method: "GET",
      path: `/org/${ORG_ALPHA}/contact/query`,
      org: ORG_ALPHA,
      status: 200,
      rows: 0,
    });
    expect(["MISS", "HIT"]).toContain(entries[0]?.cache);
    const all = lines.join("\n");
    expect(all).not.toContain(keyFor(ORG_ALPHA));
    expect(all).not.toContain("someone.private");
    expect(all).not.toMatch(/select|postgres(ql)?:\/\//i);
  });

  it("logs failures without secrets or SQL either", async () => {
    const lines = captureLogs();
    await query(ORG_ALPHA, { q: "(= nope 1)" });
    await setDatabaseDown(true);
    try {
      await query(ORG_ALPHA, { page_size: "43" });
    } finally {
      await setDatabaseDown(false);
    }
    const statuses = lines
      .map((line) => JSON.parse(line) as { status?: number })
      .flatMap((entry) => (entry.status ? [entry.status] : []));
    expect(statuses).toEqual([400, 503]);
    const all = lines.join("\n");
    expect(all).not.toContain(keyFor(ORG_ALPHA));
    expect(all).not.toMatch(/select|postgres(ql)?:\/\/|at .*\.ts:\d+/i);
  });
});
