import type { Completion, CompletionContext, CompletionResult, CompletionSource } from "@codemirror/autocomplete";
import type { FieldInfo, OperatorInfo } from "../api/types.ts";
import type { Syntax } from "../state/view-state.ts";
import { cursorContext, type Expectation, type Vocabulary } from "./filter-context.ts";

/**
 * Completion for the filter editor, from the API's own catalog (`/fields`):
 * operators (with their aliases, summary and example), the fields an
 * operator takes (inside `any`, the element's fields), and the documented
 * values of an enumerated field — written in the editor's syntax.
 */
export function filterCompletion(syntax: () => Syntax, vocabulary: () => Vocabulary | undefined): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const words = vocabulary();
    if (!words) return null;
    const text = context.state.doc.toString();
    const { expectation, current } = cursorContext(text, context.pos, syntax(), words);
    if (!current && !context.explicit && !justOpened(text, context.pos)) return null;
    const options = optionsFor(expectation, syntax(), words);
    if (options.length === 0) return null;
    const from = current?.from ?? context.pos;
    // A string whose closing quote the editor already inserted is replaced whole.
    const to = current?.quoted && current.closed ? current.to : context.pos;
    return { from, to, options, filter: true };
  };
}

/** Right after `(`, `[`, a space or a comma: where a new element starts, the list opens by itself. */
function justOpened(text: string, pos: number): boolean {
  return pos > 0 && /[([\s,]/.test(text.charAt(pos - 1)) && !/^\s*$/.test(text.slice(0, pos));
}

function optionsFor(expectation: Expectation, syntax: Syntax, words: Vocabulary): Completion[] {
  switch (expectation.expect) {
    case "operator":
      return [...new Set(words.operators.values())].map((operator) =>
        operatorOption(operator, syntax, expectation.inParens),
      );
    case "field":
      return expectation.scope
        .filter((field) => field.operators.includes(expectation.operator.name))
        .map((field) => fieldOption(field, syntax));
    case "value":
    case "list-value":
      return valueOptions(expectation.field);
    case "nothing":
      return [];
  }
}

function operatorOption(operator: OperatorInfo, syntax: Syntax, inParens: boolean): Completion {
  const word = syntax === "lisp" ? operator.name : JSON.stringify(operator.name);
  const apply = inParens ? word : syntax === "lisp" ? `(${word} ` : `[${word}, `;
  return {
    label: inParens ? word : apply.trimEnd(),
    displayLabel: operator.name,
    apply,
    type: "keyword",
    detail: operator.aliases.length > 0 ? `also ${operator.aliases.join(", ")}` : "",
    info: `${operator.summary}\n\n${operator.example}`,
    boost: operator.name.length <= 3 ? 1 : 0,
  };
}

function fieldOption(field: FieldInfo, syntax: Syntax): Completion {
  return {
    label: syntax === "lisp" ? field.name : JSON.stringify(field.name),
    displayLabel: field.name,
    type: "property",
    detail: field.type,
    ...(field.description ? { info: field.description } : {}),
  };
}

function valueOptions(field: FieldInfo | undefined): Completion[] {
  if (!field) return [];
  if (field.type === "boolean") return ["true", "false"].map((label) => ({ label, type: "constant" }));
  return (field.enum ?? []).map((value) => ({
    label: JSON.stringify(value),
    displayLabel: value === "" ? '"" (empty)' : value,
    type: "enum",
    detail: field.name,
  }));
}
