import { StreamLanguage, type StringStream } from "@codemirror/language";

/**
 * The LISP filter syntax for highlighting: the word after `(` is an operator,
 * other bare words are fields; strings with JSON escapes, numbers, `true`,
 * `false` and `null`. Only colours: the API is what parses the filter, and
 * its errors are what the editor underlines.
 */
interface LispState {
  afterOpen: boolean;
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?=[\s()"]|$)/;
const WORD = /^[^\s()"]+/;

export const lispLanguage = StreamLanguage.define<LispState>({
  name: "contact-filter-lisp",
  startState: () => ({ afterOpen: false }),
  token(stream: StringStream, state: LispState): string | null {
    if (stream.eatSpace()) return null;
    const afterOpen = state.afterOpen;
    state.afterOpen = false;
    const next = stream.next();
    if (next === "(") {
      state.afterOpen = true;
      return "bracket";
    }
    if (next === ")") return "bracket";
    if (next === '"') {
      let escaped = false;
      for (let char = stream.next(); char !== undefined; char = stream.next()) {
        if (char === '"' && !escaped) return "string";
        escaped = !escaped && char === "\\";
      }
      return "string"; // unterminated: the API says where
    }
    stream.backUp(1);
    if (stream.match(NUMBER)) return "number";
    stream.match(WORD);
    const word = stream.current();
    if (afterOpen) return "keyword";
    return word === "true" || word === "false" || word === "null" ? "atom" : "propertyName";
  },
  languageData: { closeBrackets: { brackets: ["(", '"'] } },
});
