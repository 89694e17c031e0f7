import type pg from "pg";

/**
 * `COPY (…) TO STDOUT` through `pg`, counting bytes and lines as they arrive
 * (nothing is kept): a minimal submittable in the way pg-copy-streams is one,
 * for the export benchmark's floor.
 */
export function copyOut(
  client: pg.Client,
  text: string,
  onData: (bytes: number, lines: number) => void = () => {},
): Promise<{ bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let lines = 0;
    let failed: unknown;
    const submittable = {
      submit(connection: { query(text: string): void }) {
        connection.query(text);
      },
      handleCopyData(message: { chunk: Buffer }) {
        bytes += message.chunk.length;
        for (let at = message.chunk.indexOf(10); at !== -1; at = message.chunk.indexOf(10, at + 1)) lines += 1;
        onData(bytes, lines);
      },
      handleCommandComplete() {},
      handleError(error: unknown) {
        failed = error;
      },
      handleReadyForQuery() {
        if (failed) reject(failed);
        else resolve({ bytes, lines });
      },
    };
    client.query(submittable as unknown as pg.QueryConfig);
  });
}
