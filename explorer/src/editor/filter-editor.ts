import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { linter, lintKeymap, setDiagnostics, setDiagnosticsEffect } from "@codemirror/lint";
import { Compartment, EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap, placeholder } from "@codemirror/view";
import type { ErrorPosition } from "../api/types.ts";
import type { Syntax } from "../state/view-state.ts";
import { filterCompletion } from "./completion.ts";
import { errorSpan } from "./error-range.ts";
import type { Vocabulary } from "./filter-context.ts";
import { lispLanguage } from "./lisp-language.ts";

/**
 * The filter editor: CodeMirror with the filter language in either syntax
 * (highlighting, completion from the API's catalog, brackets closed and
 * matched), Mod-Enter to run, and the API's errors underlined where it
 * reports them.
 */
export interface FilterEditorOptions {
  parent: HTMLElement;
  text: string;
  syntax: Syntax;
  /** The element naming the editor (its accessible name), and the one describing its error. */
  labelledBy: string;
  describedBy: string;
  vocabulary: () => Vocabulary | undefined;
  onChange: (text: string) => void;
  onRun: () => void;
}

export interface FilterError {
  message: string;
  position: ErrorPosition | null;
}

export interface FilterEditor {
  text(): string;
  setText(text: string): void;
  setSyntax(syntax: Syntax): void;
  /** Underlines the error's span (or the whole filter when it names no position); `null` clears. */
  showError(error: FilterError | null): void;
  focus(): void;
  destroy(): void;
}

const PLACEHOLDER: Record<Syntax, string> = {
  lisp: '(= info.partner "AWS") — Ctrl-Space completes, Ctrl-Enter runs',
  json: '["=", "info.partner", "AWS"] — Ctrl-Space completes, Ctrl-Enter runs',
};

const theme = EditorView.theme({
  "&": { border: "1px solid var(--border)", borderRadius: "6px", background: "var(--surface)", fontSize: "14px" },
  "&.cm-focused": { outline: "2px solid var(--focus)", outlineOffset: "1px" },
  ".cm-content": { fontFamily: "var(--mono)", minHeight: "4.5em", padding: "8px 0" },
  ".cm-placeholder": { color: "var(--muted)" },
  ".cm-tooltip-autocomplete ul li[aria-selected]": { background: "var(--accent)", color: "#fff" },
  ".cm-completionDetail": { marginLeft: "0.8em", fontStyle: "normal", color: "inherit", opacity: "0.85" },
  ".cm-completionInfo": { whiteSpace: "pre-wrap", maxWidth: "28em", fontFamily: "var(--mono)", fontSize: "12px" },
});

export function createFilterEditor(options: FilterEditorOptions): FilterEditor {
  let syntax = options.syntax;
  const language = new Compartment();
  const hint = new Compartment();
  const languageFor = (value: Syntax) => (value === "lisp" ? lispLanguage : json());
  const run = () => {
    options.onRun();
    return true;
  };
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        Prec.highest(keymap.of([{ key: "Mod-Enter", run }])),
        history(),
        closeBrackets(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle),
        language.of(languageFor(syntax)),
        hint.of(placeholder(PLACEHOLDER[syntax])),
        autocompletion({ override: [filterCompletion(() => syntax, options.vocabulary)], icons: false }),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({
          "aria-labelledby": options.labelledBy,
          "aria-describedby": options.describedBy,
          spellcheck: "false",
          autocapitalize: "off",
          autocorrect: "off",
        }),
        linter(null),
        // An edited filter is no longer the one the error was about.
        EditorState.transactionExtender.of((tr) =>
          tr.docChanged && (tr.isUserEvent("input") || tr.isUserEvent("delete"))
            ? { effects: setDiagnosticsEffect.of([]) }
            : null,
        ),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
        theme,
      ],
    }),
  });

  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setSyntax(next) {
      if (next === syntax) return;
      syntax = next;
      view.dispatch({
        effects: [language.reconfigure(languageFor(next)), hint.reconfigure(placeholder(PLACEHOLDER[next]))],
      });
    },
    showError(error) {
      if (!error) {
        view.dispatch(setDiagnostics(view.state, []));
        return;
      }
      const span = error.position ? errorSpan(view.state.doc, error.position) : { from: 0, to: view.state.doc.length };
      view.dispatch(setDiagnostics(view.state, [{ ...span, severity: "error", message: error.message }]));
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
