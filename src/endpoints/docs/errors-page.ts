/**
 * @module `GET /docs/errors`: every error code, one entry each with its own
 * anchor (`/docs/errors#unknown_field`, the `type` of a problem details
 * answer), made from the table of codes (src/http/error-codes.ts). A page
 * of static text: no script, and only its own inline style.
 */
import { ALL_ERROR_CODES, ERROR_CODES } from "../../http/error-codes.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** The table's text as HTML: escaped, its Markdown backticks as `code`. */
const toHtml = (text: string) =>
  text.replaceAll(/[&<>"]/g, (char) => ESCAPES[char] as string).replaceAll(/`([^`]+)`/g, "<code>$1</code>");

const STYLE =
  "body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}" +
  "h2{font:600 1.1rem ui-monospace,monospace;margin:2rem 0 .25rem}code{font-family:ui-monospace,monospace}" +
  ".status{color:#555;margin:0}";

/** The page's Content-Security-Policy: nothing but its own inline style. */
export const ERRORS_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function errorsPage(): string {
  const entries = ALL_ERROR_CODES.map((code) => {
    const { status, title, help } = ERROR_CODES[code];
    return `<section id="${code}">
<h2><a href="#${code}">${code}</a></h2>
<p class="status">${status} · ${toHtml(title)}</p>
<p>${toHtml(help)}</p>
</section>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Error codes · Contact query API</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Error codes</h1>
<p>Every error answer of the Contact query API has one of these codes. A request whose <code>Accept</code>
prefers <code>application/problem+json</code> gets it as RFC 9457 problem details: <code>type</code>
(a link to the code's entry below), <code>title</code>, <code>status</code>, <code>detail</code> (the message
the plain JSON string body holds), <code>code</code>, <code>param</code>, <code>position</code> and
<code>hint</code>. The language, the fields and the endpoints are in the <a href="/docs">reference</a>.</p>
${entries.join("\n")}
</main>
</body>
</html>`;
}
