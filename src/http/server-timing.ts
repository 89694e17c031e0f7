/** Collects durations for the Server-Timing header (W3C Server Timing): `cache;dur=1.2, db;dur=8.0`. */
export class ServerTiming {
  private readonly totals = new Map<string, number>();

  /** Runs `work` and adds its duration to `name`'s total (bound: pass it around as a function). */
  readonly measure = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.totals.set(name, (this.totals.get(name) ?? 0) + performance.now() - started);
    }
  };

  get(name: string): number | undefined {
    return this.totals.get(name);
  }

  header(): string {
    return [...this.totals].map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`).join(", ");
  }
}
