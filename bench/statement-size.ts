import { parseFacetFields } from "../src/query/facets.ts";
import { parseContactQuery, parseFilter } from "../src/query/parse-query.ts";
import { exportBatchStatement } from "../src/sql/export.ts";
import { facetsStatement } from "../src/sql/facets.ts";
import { pageStatement } from "../src/sql/page.ts";
import { printTable } from "./lib/table.ts";
import { worstFilters } from "./lib/worst-filters.ts";

/**
 * `npm run bench:statement-size`: how many bytes of SQL each byte of filter
 * becomes, for the shapes that grow fastest (bench/lib/worst-filters.ts), in
 * the three statements a filter reaches: the page (with its count), an export
 * batch and facets. The statement's bytes are its text plus its parameters'
 * (what travels to the database); docs/operations.md states the bound.
 */
const utf8 = (text: string) => new TextEncoder().encode(text).length;

function size({ sql, params }: { sql: string; params: readonly (string | readonly string[])[] }) {
  const paramBytes = params.reduce((sum, p) => sum + (typeof p === "string" ? utf8(p) : utf8(JSON.stringify(p))), 0);
  return { bytes: utf8(sql) + paramBytes, params: params.length };
}

const rows = worstFilters().map(({ name, q }) => {
  const query = parseContactQuery({ q, qs: "lisp", ss: "simple", page_size: 20, page_number: 1 });
  const page = size(pageStatement("org_bench", query).toQuery());
  const exportBatch = size(
    exportBatchStatement(
      "org_bench",
      { filter: query.filter, sort: query.sort, rows: 1000, maxBytes: 1 << 20 },
      "ndjson",
    ).toQuery(),
  );
  const facets = size(
    facetsStatement("org_bench", {
      filter: parseFilter(q, "lisp"),
      fields: parseFacetFields("info.partner"),
      limit: 10,
    }).toQuery(),
  );
  const filterBytes = utf8(q);
  const ratio = (bytes: number) => (bytes / filterBytes).toFixed(1);
  return {
    shape: name,
    "filter B": filterBytes,
    "page B": page.bytes,
    "page SQL/filter": ratio(page.bytes),
    "export SQL/filter": ratio(exportBatch.bytes),
    "facets SQL/filter": ratio(facets.bytes),
    params: page.params,
  };
});

const header = Object.keys(rows[0] ?? {});
printTable(
  header,
  rows.map((row) => Object.values(row).map(String)),
);
const worst = Math.max(...rows.map((row) => Number(row["page SQL/filter"])));
console.log(`\nworst page statement: ${worst} bytes of SQL per byte of filter`);
