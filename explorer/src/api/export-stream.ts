import type { ExportFormat } from "./requests.ts";

/**
 * Reads an export's body to its end, counting the contacts as they arrive:
 * NDJSON has one per line; CSV has a header row, then one record per line
 * break outside a quoted field (RFC 4180: a quoted field may hold line
 * breaks, and `""` inside it toggles twice). Both markers are ASCII bytes,
 * which never occur inside a UTF-8 sequence, so the bytes are counted as they
 * come, without decoding.
 */
export interface ExportProgress {
  received: number;
  /** From `X-Total-Count`, when the server sends it. */
  total: number | null;
  totalExact: boolean;
}

export interface ExportResult {
  blob: Blob;
  fileName: string;
  contacts: number;
}

const LINE_FEED = 0x0a;
const QUOTE = 0x22;

export interface RecordCounter {
  /** Counts a chunk's complete records; returns the contacts so far. */
  push(chunk: Uint8Array): number;
  /** The contacts of the whole body, a last line without a line break included. */
  finish(): number;
}

export function recordCounter(format: ExportFormat): RecordCounter {
  let lines = 0;
  let inQuotes = false;
  let partialLine = false; // bytes since the last line break
  const contacts = (records: number) => (format === "csv" ? Math.max(0, records - 1) : records);
  return {
    push(chunk) {
      for (const byte of chunk) {
        if (byte === LINE_FEED && !inQuotes) {
          lines += 1;
          partialLine = false;
        } else {
          if (byte === QUOTE && format === "csv") inQuotes = !inQuotes;
          partialLine = true;
        }
      }
      return contacts(lines);
    },
    finish: () => contacts(lines + (partialLine ? 1 : 0)),
  };
}

export async function readExport(
  response: Response,
  format: ExportFormat,
  fallbackName: string,
  onProgress: (progress: ExportProgress) => void,
): Promise<ExportResult> {
  const totalHeader = response.headers.get("X-Total-Count");
  const total = totalHeader !== null && /^\d+$/.test(totalHeader) ? Number(totalHeader) : null;
  const totalExact = response.headers.get("X-Total-Count-Exact") !== "false";
  const counter = recordCounter(format);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress({ received, total, totalExact });
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received = counter.push(value);
      onProgress({ received, total, totalExact });
    }
  }
  received = counter.finish();
  const type = response.headers.get("Content-Type") ?? "application/octet-stream";
  return {
    blob: new Blob(chunks, { type }),
    fileName: fileNameOf(response.headers.get("Content-Disposition")) ?? fallbackName,
    contacts: received,
  };
}

/** `attachment; filename="contacts-org.csv"` → `contacts-org.csv` (RFC 6266; `filename*` preferred when present). */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(disposition)?.[1];
  if (quoted !== undefined) return quoted.replace(/\\(.)/g, "$1");
  return /filename\s*=\s*([^;\s]+)/i.exec(disposition)?.[1];
}
