import { useRef, useState } from "preact/hooks";
import { type Credentials, startExport } from "../api/client.ts";
import { type ExportProgress, readExport } from "../api/export-stream.ts";
import { ApiError } from "../api/problem.ts";
import type { ExportFormat, Params } from "../api/requests.ts";
import { formatNumber } from "../format.ts";

/**
 * Every matching contact as a file (CSV or NDJSON), streamed from the export
 * endpoint: the progress bar fills from `X-Total-Count` (and runs without an
 * end while the server sends no count), Cancel aborts the request, and the
 * file is saved once the stream has ended cleanly (a cut stream is an error,
 * never a short file).
 */
type State =
  | { phase: "idle" }
  | { phase: "running"; progress: ExportProgress }
  | { phase: "done"; contacts: number; fileName: string }
  | { phase: "cancelled" }
  | { phase: "failed"; message: string };

interface Props {
  credentials: Credentials;
  params: (format: ExportFormat) => Params;
  disabled: boolean;
}

export function ExportPanel({ credentials, params, disabled }: Props) {
  const [format, setFormat] = useState<ExportFormat>("csv");
  const [state, setState] = useState<State>({ phase: "idle" });
  const controller = useRef<AbortController | null>(null);

  const start = async () => {
    const abort = new AbortController();
    controller.current = abort;
    setState({ phase: "running", progress: { received: 0, total: null, totalExact: true } });
    try {
      const response = await startExport(credentials, params(format), format, abort.signal);
      const result = await readExport(response, format, `contacts-${credentials.org}.${format}`, (progress) =>
        setState({ phase: "running", progress }),
      );
      save(result.blob, result.fileName);
      setState({ phase: "done", contacts: result.contacts, fileName: result.fileName });
    } catch (error) {
      if (abort.signal.aborted) setState({ phase: "cancelled" });
      else setState({ phase: "failed", message: error instanceof ApiError ? error.detail : describe(error) });
    } finally {
      controller.current = null;
    }
  };

  const running = state.phase === "running";
  return (
    <div class="export">
      <label>
        Export format
        <select
          value={format}
          disabled={running}
          onChange={(event) => setFormat(event.currentTarget.value as ExportFormat)}
        >
          <option value="csv">CSV</option>
          <option value="ndjson">NDJSON</option>
        </select>
      </label>
      {running ? (
        <button type="button" onClick={() => controller.current?.abort()}>
          Cancel export
        </button>
      ) : (
        <button type="button" onClick={start} disabled={disabled}>
          Export
        </button>
      )}
      {running ? <ProgressBar progress={state.progress} /> : null}
      {state.phase === "done" ? (
        <ProgressBar progress={{ received: state.contacts, total: state.contacts, totalExact: true }} />
      ) : null}
      <span class="export-status" role="status">
        {statusText(state)}
      </span>
    </div>
  );
}

function ProgressBar({ progress }: { progress: ExportProgress }) {
  const { received, total } = progress;
  // Without a total the bar is indeterminate (no value): it moves, but promises no end.
  return total !== null ? (
    <progress aria-label="Export progress" max={Math.max(total, received, 1)} value={received} />
  ) : (
    <progress aria-label="Export progress" />
  );
}

function statusText(state: State): string {
  switch (state.phase) {
    case "idle":
      return "";
    case "running": {
      const { received, total, totalExact } = state.progress;
      return total === null
        ? `${formatNumber(received)} contacts received`
        : `${formatNumber(received)} of ${totalExact ? "" : "about "}${formatNumber(total)} contacts`;
    }
    case "done":
      return `Exported ${formatNumber(state.contacts)} contacts to ${state.fileName}`;
    case "cancelled":
      return "Export cancelled";
    case "failed":
      return `Export failed: ${state.message}`;
  }
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL; free it once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function describe(error: unknown): string {
  if (error instanceof TypeError) return "the connection ended before the export was complete";
  return error instanceof Error ? error.message : String(error);
}
