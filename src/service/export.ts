/**
 * @module The export: every contact matching a query, in its order, streamed as NDJSON
 * or CSV with no page size and no offset limit.
 *
 * It is a walk of keyset batches (src/sql/export-sql.ts), each one statement
 * and one round trip, rendered by Postgres in the export's format. The stream
 * is pull-based: a batch is read only when the consumer asks for more bytes,
 * so at most one batch is in memory, however large the export. Each contact
 * that matches and keeps its sort values for the whole export appears exactly
 * once (every batch starts strictly after the last row of the one before).
 *
 * The first batch is read before the export is handed back, so a mistake or an
 * unavailable database is an ordinary error (a 400 or a 503) before any byte.
 * A failure after that errors the stream (never a clean end), so a reader can
 * never take a cut export for a complete one.
 */
import type { QueryRunner } from "../db/client.ts";
import { errorFields, logLine } from "../log.ts";
import type { Cursor, ParsedQuery } from "../query/ast.ts";
import type { Count } from "../query/count.ts";
import { cursorFromStatement } from "../query/cursor.ts";
import { parseContactQuery } from "../query/parse-query.ts";
import { csvColumns, type ExportFormat, exportBatchStatement } from "../sql/export.ts";
import { type CsvCell, csvRecord, csvRecords } from "./csv.ts";
import type { Database, ServiceDeps } from "./deps.ts";

export interface ExportInput {
  q?: unknown;
  qs: "lisp" | "json";
  s?: unknown;
  ss: "simple" | "json";
  fields?: string | readonly string[];
  search?: string;
  format: ExportFormat;
}

export interface ContactExport {
  format: ExportFormat;
  /** How many contacts the export holds, counted as `count=estimated` counts (exact up to 10,000). */
  total: Count;
  /** The body's media type. */
  mediaType: string;
  /** A file name for the export, `contacts-<organization>.<format>`. */
  fileName: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * Batch sizes, chosen against the Workers platform's limits (docs/decisions/0005-export-batches.md):
 * every batch is one subrequest (10,000 per request on the paid plan) and one
 * answer of Neon's SQL-over-HTTP endpoint (10 MB at most, where the batch
 * travels JSON-escaped: up to twice its size). A batch holds at most
 * `maxBytes` of rendered contacts (Postgres measures them; one contact larger
 * than that is a batch of its own), so neither the answer nor the isolate's
 * 128 MB is ever at risk, whatever the documents weigh. The first batch asks
 * for `firstRows` contacts, for a quick first byte; the next ones for as many
 * as `targetBytes` holds at the bytes per contact seen so far, within
 * [minRows, maxRows]. At ~2 KB a contact that is ~1,000-contact batches: 600
 * batches for 600,000 contacts.
 */
export const EXPORT_BATCHES = {
  firstRows: 1000,
  minRows: 100,
  maxRows: 10_000,
  targetBytes: 2 * 1024 * 1024,
  maxBytes: 3 * 1024 * 1024,
} as const;

export type ExportBatches = { [K in keyof typeof EXPORT_BATCHES]: number };

const MEDIA_TYPES: Record<ExportFormat, string> = {
  ndjson: "application/x-ndjson",
  csv: "text/csv; charset=utf-8",
};

export async function exportContacts(
  organizationId: string,
  input: ExportInput,
  deps: ServiceDeps,
  batches: ExportBatches = EXPORT_BATCHES,
): Promise<ContactExport> {
  const query = parseContactQuery({ ...input, page_size: 1, count: "none" });
  const format = input.format;
  const columns = format === "csv" ? csvColumns(query.projection) : undefined;
  const session = holdDatabase(deps.database);
  const read = (after: Cursor | undefined, rows: number, knownMatches?: number) =>
    readBatch(session, organizationId, query, format, { after, rows, maxBytes: batches.maxBytes, knownMatches });

  let pending: Batch | undefined;
  try {
    pending = await deps.measure("db", () => read(undefined, batches.firstRows));
  } catch (error) {
    session.release();
    throw error;
  }
  const total = pending.total ?? { total: null, exact: false };
  // The later batches know how many match (a search reads its matches first only when they are few).
  const knownMatches = total.total ?? undefined;
  let next = pending.next;
  let rows = nextBatchRows(pending, batches);
  let started = false;
  const encoder = new TextEncoder();

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const batch = pending ?? (await read(next, rows, knownMatches));
          pending = undefined;
          next = batch.next;
          rows = nextBatchRows(batch, batches);
          let text = columns && !started ? csvRecord(columns.map(({ header }) => header)) : "";
          started = true;
          if (batch.body !== null)
            text += format === "csv" ? csvRecords(JSON.parse(batch.body) as CsvCell[][]) : `${batch.body}\n`;
          if (text !== "") controller.enqueue(encoder.encode(text));
          if (next === undefined) {
            session.release();
            controller.close();
          }
        } catch (error) {
          session.release();
          logLine("error", "export aborted", { org: organizationId, ...errorFields(error) });
          controller.error(error);
        }
      },
      cancel() {
        session.release();
      },
    },
    // Nothing is read ahead: a batch is fetched only for a pending read.
    { highWaterMark: 0 },
  );
  return { format, total, mediaType: MEDIA_TYPES[format], fileName: `contacts-${organizationId}.${format}`, body };
}

interface Batch {
  /** The batch as Postgres rendered it (see export-sql.ts); null when empty. */
  body: string | null;
  rows: number;
  /** Where the next batch starts; undefined after the last one. */
  next: Cursor | undefined;
  /** The export's count (the first batch only). */
  total?: Count;
}

interface BatchRow extends Record<string, unknown> {
  body: string | null;
  batch_rows: string | number;
  next_keys: string | null;
  total_count?: string | number;
  total_exact?: boolean;
}

/** Where a batch starts (the first batch, which also counts the export, starts nowhere) and how large it may be. */
interface BatchRequest {
  after: Cursor | undefined;
  rows: number;
  maxBytes: number;
  /** How many contacts match, once the first batch has counted them. */
  knownMatches: number | undefined;
}

async function readBatch(
  session: HeldDatabase,
  organizationId: string,
  query: ParsedQuery,
  format: ExportFormat,
  request: BatchRequest,
): Promise<Batch> {
  const db = await session.runner;
  const { after, rows, maxBytes, knownMatches } = request;
  const count = after === undefined;
  const statement = exportBatchStatement(
    organizationId,
    {
      filter: query.filter,
      sort: query.sort,
      rows,
      maxBytes,
      count,
      ...(knownMatches === undefined ? {} : { knownMatches }),
      ...(query.projection ? { projection: query.projection } : {}),
      ...(after ? { after } : {}),
    },
    format,
  );
  const [row] = await db.rows<BatchRow>(statement.toSql());
  if (!row) throw new Error("the export batch returned no row");
  const next = row.next_keys === null ? undefined : cursorFromStatement(row.next_keys);
  const total = count ? { total: Number(row.total_count), exact: row.total_exact === true } : undefined;
  return { body: row.body, rows: Number(row.batch_rows), next, ...(total ? { total } : {}) };
}

/** The next batch's size: about `targetBytes` at the bytes per contact of this batch. */
function nextBatchRows(batch: Batch, batches: ExportBatches): number {
  if (batch.rows === 0 || batch.body === null) return batches.firstRows;
  const perRow = batch.body.length / batch.rows;
  return Math.max(batches.minRows, Math.min(batches.maxRows, Math.floor(batches.targetBytes / perRow)));
}

/** One database session for the whole export (one WebSocket in `ws` mode), until `release`. */
interface HeldDatabase {
  readonly runner: Promise<QueryRunner>;
  release(): void;
}

function holdDatabase(database: Database): HeldDatabase {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const runner = new Promise<QueryRunner>((resolve, reject) => {
    database(async (db) => {
      resolve(db);
      await released;
    }).catch(reject);
  });
  return { runner, release };
}
