/**
 * @module The filter builder: a syntax tree of either syntax into the filter AST (ast.ts), checked against
 * the operator table and the fields.
 */
import { describeType, fieldClassOf, valueTypeOf } from "../contact/types.ts";
import { clip } from "../domain/client-text.ts";
import type { FilterNode, Literal } from "./ast.ts";
import { CONTACT_SCOPE, type FieldRef, type FieldScope, resolveField, suggestField } from "./field-registry.ts";
import { anyFormHint, operatorFirstHint } from "./hints.ts";
import { LIMITS } from "./limits.ts";
import {
  ALL_OPERATOR_NAMES,
  type ArgumentKind,
  argumentShape,
  lookupOperator,
  type OperatorName,
  operatorSpec,
  operatorsFor,
} from "./operators.ts";
import { didYouMean, QueryError } from "./query-error.ts";
import { closestName } from "./suggest.ts";
import { describeNode, type SyntaxNode } from "./syntax.ts";
import { timestampLiteral } from "./timestamp.ts";

export type FilterSyntax = "lisp" | "json";

/**
 * Gives a syntax tree its meaning: operators and fields are looked up, literals
 * are checked against the field's type, limits are enforced, and sugar is
 * removed: each operator's entry in operators.ts says what it means as an AST
 * node (see `ast.ts`). Everything a client can get wrong is caught here,
 * before any SQL exists.
 */
export function buildFilter(root: SyntaxNode, syntax: FilterSyntax, param = "q"): FilterNode {
  return new FilterAnalyzer(syntax, param).build(root, CONTACT_SCOPE, 1);
}

class FilterAnalyzer {
  private nodes = 0;

  constructor(
    private readonly syntax: FilterSyntax,
    private readonly param: string,
  ) {}

  private fail(code: QueryError["code"], detail: string, node: SyntaxNode, hint?: string): never {
    throw new QueryError(this.param, code, detail, node.at, hint);
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
      const hint = operatorFirstHint(node.items, this.syntax);
      this.fail("syntax", `expected an operator name, found ${describeNode(head)}`, head, hint);
    }
    const op = lookupOperator(opName);
    if (!op) {
      const hint = operatorFirstHint(node.items, this.syntax) ?? didYouMean(closestName(opName, ALL_OPERATOR_NAMES));
      this.fail("unknown-operator", `unknown operator '${clip(opName)}'`, head, hint);
    }
    const spec = operatorSpec(op);
    const build = spec.build as (...values: unknown[]) => FilterNode;
    if (spec.args[0] === "filters") {
      if (args.length === 0) this.fail("arity", `'${op}' needs at least one filter`, node);
      return build(args.map((arg) => this.build(arg, scope, depth + 1)));
    }
    if (args.length !== spec.args.length) {
      const count = spec.args.length;
      this.fail(
        "arity",
        `'${op}' takes ${count} argument${count === 1 ? "" : "s"} (${describeSignature(spec.args)}), found ${args.length}`,
        node,
      );
    }
    // Arguments left to right: a field comes first, and types the values after it.
    let field: FieldRef | undefined;
    const values = spec.args.map((kind, index) => {
      const arg = args[index] as SyntaxNode;
      if (kind === "field") {
        field = this.field(arg, scope, node, index + 1);
        this.checkApplies(op, field, arg);
        return field;
      }
      return this.argument(kind, arg, op, field, scope, depth);
    });
    return build(...values);
  }

  /** One argument other than a field, checked and converted for the operator's `build`. */
  private argument(
    kind: ArgumentKind,
    node: SyntaxNode,
    op: OperatorName,
    field: FieldRef | undefined,
    scope: FieldScope,
    depth: number,
  ): unknown {
    switch (kind) {
      case "filters":
      case "filter":
        return this.build(node, scope, depth + 1);
      case "element-filter": {
        if (field?.type.kind !== "object-array")
          throw new Error(`unreachable: '${op}' needs an array-of-objects field`);
        return this.build(node, { kind: "element", schema: field.type.element, arrayField: field.name }, depth + 1);
      }
      case "value-or-null":
        return node.kind === "null" ? null : this.literal(node, fieldOf(field, op), op, true);
      case "value":
        return this.literal(node, fieldOf(field, op), op, false);
      case "values":
        return this.list(node).map((item) => this.literal(item, fieldOf(field, op), op, true));
      case "text":
        return this.text(node, op);
      case "texts":
        return this.list(node).map((item) => this.text(item, op));
      case "pattern": {
        const pattern = this.text(node, op);
        checkLikePattern(pattern, () =>
          this.fail("invalid-value", "LIKE pattern must not end with a lone '\\' escape", node),
        );
        return pattern;
      }
      case "field":
        throw new Error("unreachable: fields are resolved by build");
    }
  }

  /** The field at item `index` of `filter`. */
  private field(node: SyntaxNode, scope: FieldScope, filter: SyntaxNode & { kind: "seq" }, index: number): FieldRef {
    const name = this.nameOf(node);
    if (name === undefined) {
      const hint = this.syntax === "lisp" && node.kind === "string" ? " (field names are bare words, not strings)" : "";
      this.fail("syntax", `expected a field name, found ${describeNode(node)}${hint}`, node);
    }
    const field = resolveField(name, scope);
    if (field) return field;
    const hint = anyFormHint(filter, index, name, scope, this.syntax) ?? didYouMean(suggestField(name, scope));
    const where = scope.kind === "element" ? ` in the elements of '${scope.arrayField}'` : "";
    this.fail("unknown-field", `unknown field '${clip(name)}'${where}`, node, hint);
  }

  private checkApplies(op: OperatorName, field: FieldRef, node: SyntaxNode): void {
    if (!(operatorSpec(op).fields ?? []).includes(fieldClassOf(field.type))) {
      this.fail(
        "type",
        `operator '${op}' does not apply to '${field.name}' (${describeType(field.type)}); it takes ${operatorsFor(fieldClassOf(field.type)).join(", ")}`,
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

  /**
   * A literal of the field's scalar type. `equality`: for `=`, `!=`, `in`,
   * `not-in`, where a documented value of an enumerated field in the wrong
   * case is a mistake (ordered comparisons take any text).
   */
  private literal(node: SyntaxNode, field: FieldRef, op: string, equality: boolean): Literal {
    if (field.type.kind !== "scalar") throw new Error("unreachable: checked by checkApplies");
    const declared = field.type.scalar;
    const expected = valueTypeOf(declared);
    if (node.kind === "null") {
      this.fail("type", `null is only allowed as (= field null) or (!= field null); use is-null or is-not-null`, node);
    }
    switch (expected) {
      case "string":
        if (node.kind === "string") {
          if (equality) this.checkEnumCase(node, field);
          return { type: "string", value: this.checkText(node) };
        }
        break;
      case "number":
        if (node.kind === "number") {
          if (declared === "integer" && !Number.isInteger(node.value)) {
            this.fail(
              "type",
              `'${field.name}' is an integer field; '${op}' expects a whole number, found ${node.value}`,
              node,
            );
          }
          return { type: "number", value: node.value };
        }
        break;
      case "boolean":
        if (node.kind === "boolean") return { type: "boolean", value: node.value };
        break;
      case "timestamp":
        if (node.kind === "string") {
          const timestamp = timestampLiteral(node.value, field.name);
          if ("error" in timestamp) this.fail("invalid-value", timestamp.error, node);
          return { type: "timestamp", value: timestamp.value };
        }
        break;
    }
    const wanted = expected === "timestamp" ? "an ISO-8601 timestamp string" : `a ${expected}`;
    this.fail(
      "type",
      `'${field.name}' is a ${declared} field; '${op}' expects ${wanted}, found ${this.describeValue(node)}`,
      node,
    );
  }

  /**
   * A value of an enumerated field that equals a documented value only when
   * case is ignored (`"aws"` for `"AWS"`) matches nothing: a mistake, not a
   * new value. Any other value is answered, as the documented values grow.
   */
  private checkEnumCase(node: SyntaxNode & { kind: "string" }, field: FieldRef): void {
    const values = field.type.enum;
    if (!values || values.includes(node.value)) return;
    const folded = node.value.toLowerCase();
    const documented = values.find((value) => value.toLowerCase() === folded);
    if (documented === undefined) return;
    this.fail(
      "invalid-value",
      `${JSON.stringify(clip(node.value))} is not a value of '${field.name}', whose values are case-sensitive`,
      node,
      `did you mean ${JSON.stringify(documented)}?`,
    );
  }

  /** Postgres text cannot hold U+0000; refuse it here rather than fail in the database. */
  private checkText(node: SyntaxNode & { kind: "string" }): string {
    if (node.value.includes("\u0000"))
      this.fail("invalid-value", "strings may not contain the NUL character (\\u0000)", node);
    return node.value;
  }

  private describeValue(node: SyntaxNode): string {
    if (node.kind === "word") return `'${clip(node.text)}' (strings are double-quoted)`;
    return describeNode(node);
  }
}

function describeSignature(signature: readonly ArgumentKind[]): string {
  return signature
    .map((kind) => {
      const shape = argumentShape(kind);
      return shape === "list" ? "a list" : `a ${shape}`;
    })
    .join(", ");
}

function fieldOf(field: FieldRef | undefined, op: string): FieldRef {
  if (!field) throw new Error(`unreachable: '${op}' has a value before its field`);
  return field;
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
