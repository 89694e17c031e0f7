/** @module The syntax tree the LISP and JSON readers produce and the filter and sort builders read. */
import { clip } from "../domain/client-text.ts";
import type { Position } from "./query-error.ts";

/**
 * The shape both filter syntaxes are read into before any meaning is given to
 * them: LISP `( ... )` and JSON arrays are both `seq`. A LISP bare word is a
 * `word`; JSON has no words, so there a string in an operator or field position
 * plays that role (the builder knows which positions those are).
 */
export type SyntaxNode =
  | { readonly kind: "seq"; readonly items: readonly SyntaxNode[]; readonly at: Position }
  | { readonly kind: "word"; readonly text: string; readonly at: Position }
  | { readonly kind: "string"; readonly value: string; readonly at: Position }
  | { readonly kind: "number"; readonly value: number; readonly at: Position }
  | { readonly kind: "boolean"; readonly value: boolean; readonly at: Position }
  | { readonly kind: "null"; readonly at: Position }
  | {
      readonly kind: "object";
      readonly entries: readonly (readonly [string, SyntaxNode])[];
      readonly at: Position;
    };

export function describeNode(node: SyntaxNode): string {
  switch (node.kind) {
    case "seq":
      return "a list";
    case "word":
      return `'${clip(node.text)}'`;
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return node.value ? "true" : "false";
    case "null":
      return "null";
    case "object":
      return "an object";
  }
}
