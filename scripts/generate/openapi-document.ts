/**
 * The Worker's OpenAPI document, asked of the app itself in Node: the same
 * `GET /openapi.json` a client sends, with no server, no database and no
 * bindings (serving the document touches none of them).
 */
/** The origin `npm run dev` serves on; the document names it as its server. */
export const DOCUMENT_ORIGIN = "http://127.0.0.1:8787";

interface App {
  request(url: string): Response | Promise<Response>;
}

export async function openApiDocument(): Promise<Record<string, unknown>> {
  // Imported by path, not statically: the app is type-checked with the Worker's
  // types (the root tsconfig), which these Node scripts are not compiled with.
  const appModule = new URL("../../src/app.ts", import.meta.url).href;
  const { app } = (await import(appModule)) as { app: App };
  const response = await app.request(`${DOCUMENT_ORIGIN}/openapi.json`);
  if (response.status !== 200) throw new Error(`/openapi.json answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}
