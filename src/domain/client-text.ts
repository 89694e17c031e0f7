/**
 * Client text inside an error message: at most MAX_QUOTED_CHARS characters
 * (code points) of it, longer text cut and ended with `…`. Every message that
 * quotes what a client sent — a parameter name, a field or operator name, a
 * word, a value, a timestamp, a sort order, a JSON pointer, a path — quotes it
 * through `clip`, so an error answer stays small and echoes little of a
 * hostile input (a 120,000-character parameter name, markup).
 */
export const MAX_QUOTED_CHARS = 100;

export function clip(text: string): string {
  if (text.length <= MAX_QUOTED_CHARS) return text;
  // Each code point is one or two UTF-16 units: 2N+1 units hold at least N+1 code points.
  const head = Array.from(text.slice(0, 2 * MAX_QUOTED_CHARS + 1));
  if (head.length <= MAX_QUOTED_CHARS && text.length <= 2 * MAX_QUOTED_CHARS + 1) return text;
  return `${head.slice(0, MAX_QUOTED_CHARS).join("")}…`;
}
