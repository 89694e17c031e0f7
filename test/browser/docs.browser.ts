/**
 * `npm run test:browser`: the interactive docs, tried as a person would, in a
 * real headless Chromium (Debian's `chromium`, driven by playwright-core).
 *
 * Starts `npm run dev` (embedded database, demo data, demo keys) on a free
 * port, opens /docs, authorizes with a demo key through the page's own
 * authentication form, runs a query from the API client and checks the
 * response it shows. Screenshots go to test-results/ (gitignored).
 *
 * Offline: the docs page loads Scalar's browser bundle from the Worker's own
 * origin (a static asset linked to the installed @scalar/api-reference, see
 * src/openapi/docs.ts). This test refuses every request that leaves the
 * machine, so it needs no network and catches a page that would.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Locator, Page } from "playwright-core";
import { assert, log, runBrowserTest } from "./harness.ts";

runBrowserTest("docs", async ({ dev, page, check, shot, refused, pageErrors }) => {
  const [org, key] = Object.entries(dev.keys)[0] ?? [];
  assert(org && key, "npm run dev printed no demo API key");
  log(`demo organization ${org}`);
  await check("the docs page renders the API from /openapi.json", async () => {
    const response = await page.goto(`${dev.baseUrl}/docs`);
    assert(response?.status() === 200, `GET /docs answered ${response?.status()}`);
    await page.getByRole("heading", { name: "Contact query API" }).first().waitFor();
    await page.getByText("Query contacts", { exact: true }).first().waitFor();
    await page.getByText("List the filterable and sortable fields").first().waitFor();
    await shot("1-reference");
  });

  await check("a person authorizes with an API key and runs a query", async () => {
    // Authorize: the page's Authentication box (bearer token), as its introduction says.
    await page.getByPlaceholder("Token").first().fill(key);
    // The reference renders operations as they come into view, after the language reference: go there from the sidebar.
    await page.getByText("Query contacts", { exact: true }).first().click();
    // "Test Request" on the operation opens Scalar's API client, which carries the token over.
    await page.getByRole("button", { name: /Test Request.*get \/org\/\{orgId\}\/contact\/query/s }).click();
    const client = page.getByRole("dialog").first();
    await client.waitFor();
    const token = client.getByPlaceholder("Token").first();
    assert((await token.inputValue()) === key, "the API client did not receive the key");

    await fillParameter(client, "orgId", org);
    await fillParameter(client, "q", '(= info.partner "AWS")');
    await fillParameter(client, "page_size", "3");
    await shot("2-request");

    const [apiResponse] = await Promise.all([
      page.waitForResponse((response) => response.url().includes(`/org/${org}/contact/query`)),
      client.getByRole("button", { name: /^Send/ }).first().click(),
    ]);
    const url = new URL(apiResponse.url());
    assert(url.searchParams.get("q") === '(= info.partner "AWS")', `sent q=${url.searchParams.get("q")}`);
    assert(apiResponse.status() === 200, `the query answered ${apiResponse.status()}: ${await apiResponse.text()}`);
    const sent = (await apiResponse.request().allHeaders()).authorization;
    assert(sent === `Bearer ${key}`, `the request was sent with Authorization ${sent}`);
    const body = (await apiResponse.json()) as { data: { id: string; info: { partner?: string } }[] };
    assert(body.data.length === 3, `expected 3 contacts on the page, got ${body.data.length}`);
    assert(
      body.data.every((contact) => contact.info.partner === "AWS"),
      "a contact of another partner came back",
    );
    // The client shows what came back: the status and the body.
    await client.getByText("200 OK").first().waitFor();
    await client
      .getByText(body.data[0]?.id ?? "no contact")
      .first()
      .waitFor();
    await page.waitForTimeout(500); // let the response panel's transition settle for the screenshot
    await shot("3-response");
  });

  await check("the same person counts a filter's contacts by field values (facets)", async () => {
    await page.keyboard.press("Escape"); // closes the API client of the query
    await page.getByRole("dialog").first().waitFor({ state: "hidden" });
    // The reference renders operations as they come into view: go there from the sidebar first.
    const document = (await (await fetch(`${dev.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, { get?: { summary?: string } }>;
    };
    const summary = document.paths["/org/{orgId}/contact/facets"]?.get?.summary;
    assert(summary, "the facets operation has no summary");
    await page.getByText(summary, { exact: true }).first().click();
    await page.getByRole("button", { name: /Test Request.*get \/org\/\{orgId\}\/contact\/facets/s }).click();
    const client = page.getByRole("dialog").first();
    await client.waitFor();
    await fillParameter(client, "orgId", org);
    await fillParameter(client, "q", '(= info.partner "AWS")');
    await fillParameter(client, "facet", "info.partner,tags");
    const [apiResponse] = await Promise.all([
      page.waitForResponse((response) => response.url().includes(`/org/${org}/contact/facets`)),
      client.getByRole("button", { name: /^Send/ }).first().click(),
    ]);
    assert(apiResponse.status() === 200, `the facets answered ${apiResponse.status()}: ${await apiResponse.text()}`);
    const body = (await apiResponse.json()) as {
      total_count: number;
      facets: Record<string, { value: unknown; count: number }[]>;
    };
    // Every matching contact has partner "AWS": one value, counting them all.
    assert(body.total_count > 0, "no contact matched the filter");
    const partner = body.facets["info.partner"];
    assert(
      partner?.length === 1 && partner[0]?.value === "AWS" && partner[0]?.count === body.total_count,
      `info.partner facet: ${JSON.stringify(partner)} for ${body.total_count} contacts`,
    );
    assert((body.facets.tags?.length ?? 0) > 0, "no tag counts came back");
    await client.getByText("200 OK").first().waitFor();
    await page.waitForTimeout(500); // let the response panel's transition settle for the screenshot
    await shot("4-facets");
  });

  await check("the reference renders the language, the operators, the fields and the error codes", async () => {
    await page.keyboard.press("Escape"); // closes the API client of the facets
    await page.getByRole("dialog").first().waitFor({ state: "hidden" });
    await page.getByRole("heading", { name: "The query language" }).first().scrollIntoViewIfNeeded();
    for (const text of [
      'filter   = "(" operator argument* ")"',
      '(any info.cosellPartnerMetrics.accounts (any opportunities (= stageName "Closed Won")))',
      "info.enrichedContactInfo.info.seniority",
      "invalid_page_token",
    ]) {
      await page.getByText(text).first().waitFor({ state: "attached" });
    }
    await shot("5-reference");
  });

  await check("a problem's type leads to the code's entry on /docs/errors, a page without violations", async () => {
    const problem = await page.evaluate(async () => {
      const response = await fetch("/org/none/contact/query", { headers: { Accept: "application/problem+json" } });
      return (await response.json()) as { type: string; code: string };
    });
    const response = await page.goto(`${dev.baseUrl}${problem.type}`);
    assert(response?.status() === 200, `GET ${problem.type} answered ${response?.status()}`);
    const entry = page.locator(`section#${problem.code}`);
    await entry.waitFor();
    assert(await entry.isVisible(), `no visible entry for ${problem.code}`);
    const heading = (await entry.getByRole("heading").textContent())?.trim();
    assert(heading === problem.code, `the entry's heading is '${heading}'`);
    await expectAccessible(page);
    await shot("6-errors");
  });

  await check("the page made no request outside this machine (Scalar comes from its own origin)", async () => {
    assert(refused.length === 0, `requests refused: ${refused.join(", ")}`);
    assert(pageErrors.length === 0, `page errors: ${pageErrors.join("; ")}`);
  });
});

/** Sets a parameter's value in the API client's tables (path variables, query parameters), as a person types it. */
async function fillParameter(client: Locator, name: string, value: string): Promise<void> {
  const row = client
    .getByRole("row")
    .filter({ has: client.page().locator("[aria-label$='Key']").getByText(name, { exact: true }) })
    .first();
  const editor = row.locator("[aria-label$='Value']").first();
  await editor.click();
  await client.page().keyboard.press("ControlOrMeta+a");
  await client.page().keyboard.press("Delete");
  await client.page().keyboard.type(value);
  const shown = (await editor.textContent())?.trim();
  assert(shown === value, `the ${name} field shows '${shown}', not '${value}'`);
}

/** axe-core over the page: no serious or critical accessibility violation. */
async function expectAccessible(page: Page): Promise<void> {
  const source = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ["violations"] }).then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact })))`,
  )) as { id: string; impact: string }[];
  const blocking = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  assert(blocking.length === 0, `serious or critical violations: ${blocking.map((v) => v.id).join(", ")}`);
}
