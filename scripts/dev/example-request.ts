/**
 * The request `npm run dev` prints for copy-paste. Built in one place so the
 * printed curl and the self-check that proves it works are the same request.
 */
export const EXAMPLE_FILTER = '(= info.partner "AWS")';

export function exampleUrl(baseUrl: string, organizationId: string): string {
  return `${baseUrl}/org/${encodeURIComponent(organizationId)}/contact/query?q=${encodeURIComponent(EXAMPLE_FILTER)}&page_size=5`;
}

/** Double-quoted for the shell: the key and the percent-encoded URL contain no `"`, `$` or backquote. */
export function exampleCurl(url: string, key: string): string {
  return `curl -H "Authorization: Bearer ${key}" "${url}"`;
}

/** Runs the example once; returns a one-line verdict for the banner. */
export async function checkExample(url: string, key: string): Promise<{ ok: boolean; summary: string }> {
  try {
    const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    const body = (await response.json()) as { total_count?: unknown } | string;
    if (response.status === 200 && typeof body === "object" && body !== null) {
      return { ok: true, summary: `200, total_count ${String(body.total_count)}` };
    }
    return { ok: false, summary: `${response.status}: ${JSON.stringify(body).slice(0, 200)}` };
  } catch (error) {
    return { ok: false, summary: error instanceof Error ? error.message : String(error) };
  }
}
