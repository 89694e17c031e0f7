import { ContactQueryError } from "./errors.js";
import type { ExportProgress } from "./requests.js";

/**
 * Reading an export answer as it streams: NDJSON parsed into contacts line by
 * line, CSV handed over as text, with progress counted either way. The
 * service aborts an export that fails mid-way, so an answer that errors or
 * ends inside a line or record is an incomplete export: it throws, never
 * ends cleanly.
 */

/** `X-Total-Count` and `X-Total-Count-Exact` of an export answer. */
function exportTotal(response: Response): { total: number | null; exact: boolean } {
  const header = response.headers.get("X-Total-Count");
  const total = header !== null && /^\d+$/.test(header.trim()) ? Number(header) : null;
  return { total, exact: total !== null && response.headers.get("X-Total-Count-Exact")?.trim() === "true" };
}

function incomplete(done: number, unit: string, cause?: unknown): ContactQueryError {
  return new ContactQueryError(
    {
      status: 200,
      code: "export_incomplete",
      detail: `the export ended after ${done} ${unit} without its end: the connection was cut or the service failed mid-way`,
    },
    { cause },
  );
}

/** The answer's body as text chunks; an error of the stream throws `incomplete(…)`. */
async function* textChunks(response: Response, progress: () => [number, string]): AsyncGenerator<string> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let finished = false;
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw incomplete(...progress(), error);
      }
      if (chunk.done) break;
      const text = decoder.decode(chunk.value, { stream: true });
      if (text) yield text;
    }
    finished = true;
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    // Stopped early (a `break` in the caller's loop): close the connection rather than leave it open.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Every contact of an NDJSON export, parsed as the answer streams: memory stays flat however large it is. */
export async function* ndjsonContacts<C>(response: Response, onProgress?: ExportProgress): AsyncGenerator<C> {
  const { total, exact } = exportTotal(response);
  let done = 0;
  onProgress?.(0, total, exact);
  let buffered = "";
  for await (const chunk of textChunks(response, () => [done, "contacts"])) {
    buffered += chunk;
    let start = 0;
    let end = buffered.indexOf("\n");
    while (end !== -1) {
      const line = buffered.slice(start, end);
      start = end + 1;
      end = buffered.indexOf("\n", start);
      if (line.trim() === "") continue;
      done += 1;
      onProgress?.(done, total, exact);
      yield JSON.parse(line) as C;
    }
    buffered = buffered.slice(start);
  }
  // Every line of an export ends with "\n": anything left is a cut line.
  if (buffered !== "") throw incomplete(done, "contacts");
}

/**
 * The text of a CSV export, chunk by chunk as it arrives (joined, they are
 * the file), counting records for progress: a record ends at a line break
 * outside quotes, and the first is the header.
 */
export async function* csvText(response: Response, onProgress?: ExportProgress): AsyncGenerator<string> {
  const { total, exact } = exportTotal(response);
  let lineEnds = 0;
  let quoted = false;
  let atRecordEnd = true;
  const done = () => Math.max(0, lineEnds - 1);
  onProgress?.(0, total, exact);
  for await (const chunk of textChunks(response, () => [done(), "records"])) {
    const before = done();
    for (let index = 0; index < chunk.length; index++) {
      const char = chunk.charCodeAt(index);
      if (char === 0x22)
        quoted = !quoted; // an escaped quote ("") toggles twice
      else if (char === 0x0a && !quoted) lineEnds += 1;
    }
    atRecordEnd = !quoted && chunk.endsWith("\n");
    if (done() !== before) onProgress?.(done(), total, exact);
    yield chunk;
  }
  // Every record ends with CRLF: an answer that stops elsewhere was cut.
  if (!atRecordEnd) throw incomplete(done(), "records");
}
