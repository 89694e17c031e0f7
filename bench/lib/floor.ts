import type pg from "pg";
import type { FilterNode } from "../../src/query/ast.ts";
import { columnSql, ID, ORGANIZATION, TABLE } from "../../src/sql/fields.ts";
import { writeTenantFilter } from "../../src/sql/filter.ts";
import { bind, integer, SqlWriter } from "../../src/sql/writer.ts";
import { databaseMs } from "./explain.ts";
import { median } from "./results.ts";

/**
 * @module The floors the database benchmarks divide their figures by: the
 * least work a request of the kind can do, timed in the same run and the same
 * way as the figures. On another machine the milliseconds change (a second
 * 2-vCPU machine measured ~1.3× these), the number of floors a statement costs
 * much less. A floor is timed at the start and at the end of a run; the two
 * medians show how far the machine drifted in between.
 */
export interface Floor {
  /** What the floor statement does. */
  about: string;
  sql: string;
  /** Median round trip through `pg`, ms, over the start and end samples together. */
  medianMs: number;
  /** Median time in the database (planning + execution, EXPLAIN ANALYZE with TIMING OFF), ms, when timed. */
  databaseMs?: number;
  /** The round-trip medians at the run's start and end: the machine's drift during the run. */
  startMs: number;
  endMs: number;
}

type Statement = { sql: string; params: unknown[] };

/** Samples of a floor: round trips and times in the database, from one or more calls of `sample`. */
export interface FloorOptions {
  /** Runs per sample, after one warm-up (21: a floor is cheap; fewer for one that reads many rows). */
  runs?: number;
  /** Whether to time it in the database too (EXPLAIN runs it once more per run). */
  inDatabase?: boolean;
}

export class FloorTimer {
  private readonly roundTrips: number[][] = [];
  private readonly inDatabase: number[] = [];

  constructor(
    private readonly about: string,
    private readonly statement: Statement,
    private readonly options: FloorOptions = {},
  ) {}

  /** Runs the floor after one warm-up (at the start of the run, and again at its end); returns the median round trip. */
  async sample(client: pg.Client): Promise<number> {
    await client.query(this.statement.sql, this.statement.params);
    const trips: number[] = [];
    for (let run = 0; run < (this.options.runs ?? 21); run++) {
      const started = performance.now();
      await client.query(this.statement.sql, this.statement.params);
      trips.push(performance.now() - started);
      if (this.options.inDatabase) this.inDatabase.push(await databaseMs(client, this.statement));
    }
    this.roundTrips.push(trips);
    return median(trips);
  }

  result(): Floor {
    const round = (value: number) => Math.round(value * 1000) / 1000;
    return {
      about: this.about,
      sql: this.statement.sql,
      medianMs: round(median(this.roundTrips.flat())),
      ...(this.options.inDatabase ? { databaseMs: round(median(this.inDatabase)) } : {}),
      startMs: round(median(this.roundTrips[0] ?? [])),
      endMs: round(median(this.roundTrips.at(-1) ?? [])),
    };
  }
}

/**
 * A minimal index scan for a page: the ids of the organization's first `rows`
 * contacts in the default order, an index-only scan of the creation-time index
 * that stops after `rows` entries — the least a page statement can do.
 */
export function pageFloor(organizationId: string, rows: number, options: FloorOptions = {}): FloorTimer {
  const w = new SqlWriter();
  w.sql`SELECT ${ID} FROM ${TABLE} WHERE ${ORGANIZATION} = ${bind(organizationId, "text")}`;
  w.sql` ORDER BY ${columnSql("creation_time")} DESC NULLS LAST, (${ID} COLLATE "C") LIMIT ${integer(rows)}`;
  const { sql, params } = w.toQuery();
  return new FloorTimer(
    `a minimal index scan for a page: the ids of the first ${rows} contacts`,
    { sql, params: [...params] },
    options,
  );
}

/**
 * The matching rows read once: `count(info)` over the same WHERE clause the
 * service writes (tenant and filter), which must visit each matching row —
 * the least a statement that reads the matching contacts' documents can do.
 */
export function rowsFloor(organizationId: string, filter: FilterNode | null, options: FloorOptions = {}): FloorTimer {
  const w = new SqlWriter();
  w.sql`SELECT count(${columnSql("info")}) FROM ${TABLE} WHERE `;
  writeTenantFilter(w, organizationId, filter);
  const { sql, params } = w.toQuery();
  return new FloorTimer(
    "the matching rows read once: count(info) with the same WHERE",
    { sql, params: [...params] },
    options,
  );
}
