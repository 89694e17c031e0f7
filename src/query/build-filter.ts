import type { FilterNode, Literal } from "./ast.ts";
import { QueryError } from "./errors.ts";
import { CONTACT_SCOPE, type FieldRef, type FieldScope, resolveField, suggestField } from "./fields.ts";
import { LIMITS } from "./limits.ts";
import {
  ALL_OPERATOR_NAMES,
  type ArgumentKind,
  lookupOperator,
  OPERATORS,
  OPERATORS_BY_FIELD_KIND,
  type OperatorName,
} from "./operators.ts";
import { closestName } from "./suggest.ts";
import { describeNode, type SyntaxNode } from "./syntax.ts";
import { formatMicros, timestampMicros } from "./timestamp.ts";
import { describeType } from "./types.ts";

export type FilterSyntax = "lisp" | "json";

/**
 * Gives a syntax tree its meaning: operators and fields are looked up, literals
 * are checked against the field's type, limits are enforced, and sugar is
 * removed (see `ast.ts`). Everything a client can get wrong is caught here,
 * before any SQL exists.
 */
export function buildFilter(root: SyntaxNode, syntax: FilterSyntax, param = "q"): FilterNode {
  return new FilterBuilder(syntax, param).build(root, CONTACT_SCOPE, 1);
}

class FilterBuilder {
  private nodes = 0;

  constructor(
    private readonly syntax: FilterSyntax,
    private readonly param: string,
  ) {}

  private fail(code: QueryError["code"], detail: string, node: SyntaxNode): never {
    throw new QueryError(this.param, code, detail, node.at);
  }

  /** The text of a name position: a bare word in LISP, a string in JSON. */
  private nameOf(node: SyntaxNode): string | undefined {
    if (this.syntax === "lisp") return node.kind === "word" ? node.text : undefined;
    return node.kind === "string" ? node.value : undefined;
  }

  build(node: SyntaxNode, scope: FieldScope, depth: number): FilterNode {
    if (depth > LIMITS.maxFilterDepth) {
      this.fail("limit", `filter is nested deeper than ${LIMITS.maxFilterDepth} levels`, node);
    }
    this.nodes += 1;
    if (this.nodes > LIMITS.maxFilterNodes) {
      this.fail("limit", `filter has more than ${LIMITS.maxFilterNodes} operators`, node);
    }
    const example = this.syntax === "lisp" ? "(op arg ...)" : '["op", arg, ...]';
    if (node.kind !== "seq" || node.items.length === 0) {
      this.fail("syntax", `expected a filter ${example}, found ${describeNode(node)}`, node);
    }
    const [head, ...args] = node.items as [SyntaxNode, ...SyntaxNode[]];
    const opName = this.nameOf(head);
    if (opName === undefined) {
      this.fail("syntax", `expected an operator name, found ${describeNode(head)}`, head);
    }
    const op = lookupOperator(opName);
    if (!op) {
      const hint = closestName(opName, ALL_OPERATOR_NAMES);
      this.fail("unknown-operator", `unknown operator '${opName}'${hint ? ` (did you mean '${hint}'?)` : ""}`, head);
    }
    const signature = OPERATORS[op];
    if (op === "and" || op === "or") {
      if (args.length === 0) this.fail("arity", `'${op}' needs at least one filter`, node);
      return { op, args: args.map((arg) => this.build(arg, scope, depth + 1)) };
    }
    if (signature === "filters") throw new Error("unreachable: only and/or take filters");
    if (args.length !== signature.length) {
      this.fail(
        "arity",
        `'${op}' takes ${signature.length} argument${signature.length === 1 ? "" : "s"} (${describeSignature(signature)}), found ${args.length}`,
        node,
      );
    }
    if (op === "not") return { op: "not", arg: this.build(args[0] as SyntaxNode, scope, depth + 1) };

    const fieldNode = args[0] as SyntaxNode;
    const field = this.field(fieldNode, scope);
    this.checkApplies(op, field, fieldNode);
    const [, second, third] = args;
    switch (op) {
      case "=":
      case "!=": {
        const valueNode = second as SyntaxNode;
        const positive: FilterNode =
          valueNode.kind === "null"
            ? { op: "is-null", field }
            : { op: "compare", cmp: "=", field, value: this.literal(valueNode, field, op) };
        return op === "=" ? positive : { op: "not", arg: positive };
      }
      case "<":
      case "<=":
      case ">":
      case ">=":
        return { op: "compare", cmp: op, field, value: this.literal(second as SyntaxNode, field, op) };
      case "between":
        return {
          op: "between",
          field,
          low: this.literal(second as SyntaxNode, field, op),
          high: this.literal(third as SyntaxNode, field, op),
        };
      case "in":
      case "not-in": {
        const values = this.list(second as SyntaxNode).map((item) => this.literal(item, field, op));
        const positive: FilterNode = { op: "in", field, values: dedupe(values) };
        return op === "in" ? positive : { op: "not", arg: positive };
      }
      case "like":
      case "ilike":
      case "not-like":
      case "not-ilike": {
        const pattern = this.text(second as SyntaxNode, op);
        checkLikePattern(pattern, () =>
          this.fail("invalid-value", "LIKE pattern must not end with a lone '\\' escape", second as SyntaxNode),
        );
        const positive: FilterNode = { op: "like", field, pattern, caseInsensitive: op.includes("ilike") };
        return op.startsWith("not-") ? { op: "not", arg: positive } : positive;
      }
      case "contains":
      case "icontains":
      case "starts-with":
      case "istarts-with":
      case "ends-with":
      case "iends-with": {
        const text = escapeLike(this.text(second as SyntaxNode, op));
        const base = op.replace(/^i/, "");
        const pattern = base === "contains" ? `%${text}%` : base === "starts-with" ? `${text}%` : `%${text}`;
        return { op: "like", field, pattern, caseInsensitive: op.startsWith("i") };
      }
      case "is-null":
        return { op: "is-null", field };
      case "is-not-null":
        return { op: "not", arg: { op: "is-null", field } };
      case "has":
        return { op: "has", field, mode: "all", values: [this.text(second as SyntaxNode, op)] };
      case "has-any":
      case "has-all": {
        const values = this.list(second as SyntaxNode).map((item) => this.text(item, op));
        return { op: "has", field, mode: op === "has-any" ? "any" : "all", values: [...new Set(values)] };
      }
      case "any": {
        if (field.type.kind !== "object-array") throw new Error("unreachable: checked by checkApplies");
        const inner = this.build(
          second as SyntaxNode,
          { kind: "element", schema: field.type.element, arrayField: field.name },
          depth + 1,
        );
        return { op: "any", field, filter: inner };
      }
    }
    throw new Error(`unreachable: operator '${op}' has no translation`);
  }

  private field(node: SyntaxNode, scope: FieldScope): FieldRef {
    const name = this.nameOf(node);
    if (name === undefined) {
      const hint = this.syntax === "lisp" && node.kind === "string" ? " (field names are bare words, not strings)" : "";
      this.fail("syntax", `expected a field name, found ${describeNode(node)}${hint}`, node);
    }
    const field = resolveField(name, scope);
    if (field) return field;
    const suggestion = suggestField(name, scope);
    const where = scope.kind === "element" ? ` in the elements of '${scope.arrayField}'` : "";
    this.fail(
      "unknown-field",
      `unknown field '${name}'${where}${suggestion ? ` (did you mean '${suggestion}'?)` : ""}`,
      node,
    );
  }

  private checkApplies(op: OperatorName, field: FieldRef, node: SyntaxNode): void {
    const kind = field.type.kind === "scalar" ? field.type.scalar : field.type.kind;
    const allowed: readonly string[] = OPERATORS_BY_FIELD_KIND[kind];
    if (!allowed.includes(op)) {
      this.fail(
        "type",
        `operator '${op}' does not apply to '${field.name}' (${describeType(field.type)}); it takes ${allowed.join(", ")}`,
        node,
      );
    }
  }

  private list(node: SyntaxNode): SyntaxNode[] {
    if (node.kind !== "seq") {
      const example = this.syntax === "lisp" ? '("a" "b")' : '["a", "b"]';
      this.fail("type", `expected a list of values such as ${example}, found ${describeNode(node)}`, node);
    }
    if (node.items.length > LIMITS.maxListValues) {
      this.fail("limit", `list has more than ${LIMITS.maxListValues} values`, node);
    }
    return [...node.items];
  }

  /** A string literal (patterns, texts, array members). */
  private text(node: SyntaxNode, op: string): string {
    if (node.kind === "string") return this.checkText(node);
    this.fail("type", `'${op}' expects a string, found ${this.describeValue(node)}`, node);
  }

  /** A literal of the field's scalar type. */
  private literal(node: SyntaxNode, field: FieldRef, op: string): Literal {
    if (field.type.kind !== "scalar") throw new Error("unreachable: checked by checkApplies");
    const expected = field.type.scalar;
    if (node.kind === "null") {
      this.fail("type", `null is only allowed as (= field null) or (!= field null); use is-null or is-not-null`, node);
    }
    switch (expected) {
      case "string":
        if (node.kind === "string") return { type: "string", value: this.checkText(node) };
        break;
      case "number":
        if (node.kind === "number") return { type: "number", value: node.value };
        break;
      case "boolean":
        if (node.kind === "boolean") return { type: "boolean", value: node.value };
        break;
      case "timestamp":
        if (node.kind === "string") {
          const micros = timestampMicros(node.value);
          if (micros === undefined) {
            this.fail(
              "invalid-value",
              `unparsable timestamp '${node.value}' for '${field.name}' (expected ISO-8601 such as "2024-05-01" or "2024-05-01T10:00:00Z")`,
              node,
            );
          }
          return { type: "timestamp", value: formatMicros(micros) };
        }
        break;
    }
    const wanted = expected === "timestamp" ? "an ISO-8601 timestamp string" : `a ${expected}`;
    this.fail(
      "type",
      `'${field.name}' is a ${expected} field; '${op}' expects ${wanted}, found ${this.describeValue(node)}`,
      node,
    );
  }

  /** Postgres text cannot hold U+0000; refuse it here rather than fail in the database. */
  private checkText(node: SyntaxNode & { kind: "string" }): string {
    if (node.value.includes("\u0000"))
      this.fail("invalid-value", "strings may not contain the NUL character (\\u0000)", node);
    return node.value;
  }

  private describeValue(node: SyntaxNode): string {
    if (node.kind === "word") return `'${node.text}' (strings are double-quoted)`;
    return describeNode(node);
  }
}

function describeSignature(signature: readonly ArgumentKind[]): string {
  return signature.map((kind) => (kind === "list" ? "a list" : `a ${kind}`)).join(", ");
}

/** SQL LIKE escapes with `\`; a pattern ending in a lone `\` is an error in Postgres. */
function checkLikePattern(pattern: string, onInvalid: () => never): void {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === "\\") {
      if (i === pattern.length - 1) onInvalid();
      i += 1;
    }
  }
}

/** Makes `%`, `_` and `\` plain characters inside a LIKE pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function dedupe(values: Literal[]): Literal[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = `${value.type}:${String(value.value)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
