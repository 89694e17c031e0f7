import { setTimeout as delay } from "node:timers/promises";

/**
 * Database faults the local proxy can simulate (tests only), shared by the
 * WebSocket bridge and the SQL-over-HTTP endpoint so that both driver modes
 * meet the same failures at the same place: the edge the Worker talks to.
 *
 * - down: nothing answers; open connections are cut, new ones refused.
 * - slow: every statement's answer is held back `slowMs` (a slow database).
 * - drop: the connection carrying each of the next `dropStatements` statements
 *   is cut after the statement was sent and before any answer (a dropped
 *   connection mid-query).
 * - suspend: the compute is asleep; the next connection wakes it, which takes
 *   `wakeMs`, and every connection arriving meanwhile waits too (Neon's
 *   scale-to-zero cold start: a slow first connect).
 * - fail (SQL-over-HTTP only): each of the next `failStatements` requests
 *   answers with a Postgres error that quotes the statement's bound values, as
 *   Postgres does for a value it cannot take (`invalid input syntax for type
 *   integer: "…"`): a bug that carries client text, for the log tests.
 */
export class Faults {
  down = false;
  slowMs = 0;
  dropStatements = 0;
  failStatements = 0;
  private suspendedWakeMs = 0;
  private awakeAt = 0;

  /** Applies a control action (`/__bridge/<action>?<params>`); false if it is unknown. */
  apply(action: string, params: URLSearchParams): boolean {
    const ms = Math.max(0, Number(params.get("ms") ?? 0) || 0);
    switch (action) {
      case "down":
      case "up":
        this.down = action === "down";
        break;
      case "slow":
        this.slowMs = ms;
        break;
      case "drop":
        this.dropStatements = Math.max(0, Number(params.get("count") ?? 1) || 0);
        break;
      case "fail":
        this.failStatements = Math.max(0, Number(params.get("count") ?? 1) || 0);
        break;
      case "suspend":
        this.suspendedWakeMs = ms;
        break;
      case "reset":
        Object.assign(this, new Faults()); // every field back to its initial value
        break;
      default:
        return false;
    }
    return true;
  }

  /** Whether the statement about to be forwarded must be dropped instead. */
  takeDrop(): boolean {
    if (this.dropStatements <= 0) return false;
    this.dropStatements -= 1;
    return true;
  }

  /** Whether the request about to be answered must fail with an SQL error instead. */
  takeFail(): boolean {
    if (this.failStatements <= 0) return false;
    this.failStatements -= 1;
    return true;
  }

  /** Resolves when the compute is awake; the first caller after a suspend starts the wake-up. */
  async compute(): Promise<void> {
    if (this.suspendedWakeMs > 0) {
      this.awakeAt = Date.now() + this.suspendedWakeMs;
      this.suspendedWakeMs = 0;
    }
    const wait = this.awakeAt - Date.now();
    if (wait > 0) await delay(wait);
  }

  describe() {
    return {
      down: this.down,
      slowMs: this.slowMs,
      dropStatements: this.dropStatements,
      failStatements: this.failStatements,
    };
  }
}
