import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import type { Faults } from "./faults.ts";

/**
 * The HTTP side of Neon's proxy, in small: what `neon()` (the driver's HTTP
 * mode, `neonConfig.fetchEndpoint`) sends and expects, read from the driver's
 * source (@neondatabase/serverless 1.x, `neon()` → `execute`):
 *
 * - `POST` with headers `Neon-Connection-String` (the full connection string),
 *   `Neon-Raw-Text-Output: true`, `Neon-Array-Mode: true`, and for a batch
 *   `Neon-Batch-Isolation-Level`, `Neon-Batch-Read-Only`, `Neon-Batch-Deferrable`.
 * - Body `{"query": text, "params": [string | null, ...]}`, or a batch
 *   `{"queries": [{query, params}, ...]}` run as one transaction.
 * - 200 with `{command, rowCount, rows, fields: [{name, dataTypeID, ...}], rowAsArray}`
 *   (a batch: `{"results": [...]}`); values are Postgres text (the driver
 *   parses them by `dataTypeID`), rows are arrays in array mode.
 * - A Postgres error is a 400 whose JSON carries `message`, `code` (SQLSTATE)
 *   and the other error fields; the driver rebuilds a `NeonDbError` from it.
 *   Anything else non-2xx becomes "Server error (HTTP status N)" in the driver:
 *   here a 503 when the database cannot be reached.
 *
 * Statements run through node-postgres over TCP to the bridge's one target
 * (the host and port of the connection string are replaced by it): Neon's
 * proxy speaks the Postgres protocol to the database itself, and this endpoint
 * stands in for the proxy, not for the driver — the Worker's driver is on the
 * other side of the fetch. (Through the driver's own `Pool` over the bridge's
 * WebSocket, each request paid four in-process WebSocket round trips — BEGIN,
 * set_config, the statement, COMMIT — ~6 ms of the local miss's time;
 * docs/performance.md, "The local stack".) Faults (faults.ts) apply here, at
 * the edge the Worker talks to; this endpoint counts requests (round trips) and
 * the statements inside them.
 */
export interface SqlOverHttp {
  handle(req: IncomingMessage, res: ServerResponse): void;
  stats(): { requests: number; statements: number };
  close(): Promise<void>;
}

interface Query {
  query: string;
  params: (string | null)[];
}

const ERROR_FIELDS = [
  "severity",
  "code",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
] as const;

const ISOLATION: Record<string, string> = {
  ReadUncommitted: "READ UNCOMMITTED",
  ReadCommitted: "READ COMMITTED",
  RepeatableRead: "REPEATABLE READ",
  Serializable: "SERIALIZABLE",
};

/** Values stay Postgres text, as Neon's `Neon-Raw-Text-Output` returns them. */
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

class BadRequest extends Error {}

export function createSqlOverHttp(options: {
  faults: Faults;
  /** The one database the bridge serves: whatever host the connection string names, this is where it goes. */
  target: { host: string; port: number };
}): SqlOverHttp {
  const { faults } = options;
  const pools = new Map<string, pg.Pool>();
  let requests = 0;
  let statements = 0;

  function poolFor(connectionString: string): pg.Pool {
    let pool = pools.get(connectionString);
    if (!pool) {
      const url = new URL(connectionString);
      url.hostname = options.target.host;
      url.port = String(options.target.port);
      pool = new pg.Pool({ connectionString: url.toString(), max: 8 });
      // An idle connection cut (a fault, a terminated backend) is dropped by the pool; the next checkout connects anew.
      pool.on("error", () => undefined);
      pools.set(connectionString, pool);
    }
    return pool;
  }

  async function run(client: pg.PoolClient | pg.Pool, { query, params }: Query, arrayMode: boolean) {
    statements += 1;
    const result = await client.query({
      text: query,
      values: params,
      types: RAW_TEXT,
      ...(arrayMode ? { rowMode: "array" as const } : {}),
    });
    return {
      command: result.command,
      rowCount: result.rowCount,
      rows: result.rows,
      fields: result.fields.map((field: pg.FieldDef) => ({
        name: field.name,
        tableID: field.tableID,
        columnID: field.columnID,
        dataTypeID: field.dataTypeID,
        dataTypeSize: field.dataTypeSize,
        dataTypeModifier: field.dataTypeModifier,
        format: field.format,
      })),
      rowAsArray: arrayMode,
    };
  }

  async function transaction(pool: pg.Pool, queries: Query[], req: IncomingMessage, arrayMode: boolean) {
    const isolation = ISOLATION[header(req, "neon-batch-isolation-level") ?? ""];
    const modes = [
      isolation ? `ISOLATION LEVEL ${isolation}` : "",
      header(req, "neon-batch-read-only") === "true" ? "READ ONLY" : "",
      header(req, "neon-batch-deferrable") === "true" ? "DEFERRABLE" : "",
    ].filter(Boolean);
    const client = await pool.connect();
    let broken: Error | undefined;
    // A checked-out client whose connection breaks (its backend terminated, the
    // server gone) emits 'error' besides failing its query: without a listener
    // that would end this process. The query's own failure answers the request.
    const onError = (error: Error) => {
      broken ??= error;
    };
    client.on("error", onError);
    try {
      await client.query(`BEGIN ${modes.join(" ")}`);
      const results = [];
      for (const query of queries) results.push(await run(client, query, arrayMode));
      await client.query("COMMIT");
      return { results };
    } catch (error) {
      broken ??= await client.query("ROLLBACK").then(
        () => undefined,
        (rollbackError: Error) => rollbackError,
      );
      throw error;
    } finally {
      client.off("error", onError);
      client.release(broken); // a broken client is destroyed, not pooled
    }
  }

  async function answer(req: IncomingMessage): Promise<unknown> {
    const connectionString = header(req, "neon-connection-string");
    if (!connectionString) throw new BadRequest("missing Neon-Connection-String header");
    const body = JSON.parse(await readBody(req)) as Partial<Query> & { queries?: Query[] };
    if (faults.takeFail()) throw quotingError(body);
    const arrayMode = header(req, "neon-array-mode") === "true";
    const pool = poolFor(connectionString);
    if (Array.isArray(body.queries)) return transaction(pool, body.queries.map(checkQuery), req, arrayMode);
    return run(pool, checkQuery(body), arrayMode);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== "POST") {
      send(res, 405, { message: "use POST" });
      return;
    }
    requests += 1;
    // Down: the connection is refused (reset) before anything is read.
    if (faults.down) {
      req.socket.destroy();
      return;
    }
    (async () => {
      await faults.compute();
      // A dropped connection mid-query: the request arrived, no answer ever will.
      if (faults.takeDrop()) {
        req.socket.destroy();
        return;
      }
      const slowMs = faults.slowMs;
      try {
        const result = await answer(req);
        if (slowMs > 0) await delay(slowMs);
        send(res, 200, result);
      } catch (error) {
        if (slowMs > 0) await delay(slowMs);
        sendError(res, error);
      }
    })().catch(() => req.socket.destroy());
  }

  return {
    handle,
    stats: () => ({ requests, statements }),
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.end().catch(() => undefined)));
      pools.clear();
    },
  };
}

/** The `fail` fault: a Postgres data error quoting the statement's bound values (22P02, as Postgres words it). */
function quotingError(body: Partial<Query> & { queries?: Query[] }): Error {
  const last = Array.isArray(body.queries) ? body.queries.at(-1) : body;
  const values = (last?.params ?? []).filter((param): param is string => typeof param === "string");
  const quoted = values.map((value) => `"${value}"`).join(", ");
  return Object.assign(new Error(`invalid input syntax for type integer: ${quoted}`), {
    code: "22P02",
    severity: "ERROR",
    detail: `values: ${quoted}`,
  });
}

function checkQuery(value: Partial<Query> | undefined): Query {
  if (typeof value?.query !== "string") throw new BadRequest("query: expected a string");
  const params = value.params ?? [];
  if (!Array.isArray(params) || params.some((param) => param !== null && typeof param !== "string")) {
    throw new BadRequest("params: expected an array of strings and nulls");
  }
  return { query: value.query, params };
}

function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof BadRequest || error instanceof SyntaxError) {
    send(res, 400, { message: error.message });
    return;
  }
  const fields = error as Record<string, unknown>;
  if (typeof fields.code === "string" && /^[0-9A-Z]{5}$/.test(fields.code)) {
    // A Postgres error: the driver rebuilds it from these fields.
    const body: Record<string, unknown> = { message: String(fields.message ?? "") };
    for (const name of ERROR_FIELDS) if (fields[name] !== undefined) body[name] = fields[name];
    send(res, 400, body);
    return;
  }
  send(res, 503, { message: `database unreachable: ${error instanceof Error ? error.message : String(error)}` });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
