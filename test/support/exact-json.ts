/**
 * JSON parsed with every number kept as the text the answer wrote
 * (`"2.50"` stays `"2.50"`, `1e21` is not rounded through a double): for tests
 * that hold exact decimals to their digits. Uses the reviver's `source`
 * (JSON.parse source text access, in V8 since 11.4).
 */
export function parseExactJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) => {
    if (typeof value !== "number") return value;
    if (context?.source === undefined) throw new Error("JSON.parse gives no source text here");
    return context.source;
  });
}
