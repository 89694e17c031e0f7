import type { Filter, FilterBuilder, OperatorName } from "./filter-types.js";
import { OPERATORS } from "./generated/operators.js";

/**
 * The filter builder `f` and the printers of both syntaxes. A filter is data —
 * the JSON syntax's tree — so it can be logged, stored, sent as `qs=json` or
 * printed as LISP text.
 *
 * The printer follows the service's own (src/query/print.ts at the top of this
 * repository): the package cannot import it, so the service's tests check
 * that both print every example alike.
 */
type ArgumentKind = (typeof OPERATORS)[OperatorName]["args"][number];

/** The kind of argument `index` of an operator (`filters` repeats). */
function argumentKindAt(op: string, index: number): ArgumentKind | undefined {
  // Own properties only: a hand-written filter may name anything.
  if (!Object.hasOwn(OPERATORS, op)) return undefined;
  const args: readonly ArgumentKind[] = OPERATORS[op as OperatorName].args;
  return args[0] === "filters" ? "filters" : args[index];
}

/** How an argument is written in either syntax: a nested filter, a bare field, a list, or one literal. */
function argumentShape(kind: ArgumentKind | undefined): "filter" | "field" | "list" | "value" {
  switch (kind) {
    case "filters":
    case "filter":
    case "element-filter":
      return "filter";
    case "field":
      return "field";
    case "values":
    case "texts":
      return "list";
    default:
      return "value";
  }
}

/** A filter node; lists are copied, and an element filter given as a builder callback is built. */
function node(op: OperatorName, args: readonly unknown[]): Filter {
  return [
    op,
    ...args.map((arg, index) => {
      const shape = argumentShape(argumentKindAt(op, index));
      if (shape === "filter" && typeof arg === "function") return arg(f);
      return shape === "list" ? [...(arg as readonly unknown[])] : arg;
    }),
  ];
}

/**
 * The filter builder: one method per operator of the language, typed by the
 * contact's fields. Field names, the operators a field takes and the type of
 * each value are checked when you compile: `f.gt("tags", 1)`,
 * `f.eq("nme", "x")` and `f.eq("info.partner", "aws")` (the documented value
 * is `"AWS"`) do not. Inside `f.any(field, (element) => …)`, `element` builds
 * filters over the array element's own fields.
 *
 * @example
 * const filter = f.and(f.eq("info.partner", "AWS"), f.gte("info.cosellPartnerMetrics.accountCount", 3));
 * toLisp(filter); // (and (= info.partner "AWS") (>= info.cosellPartnerMetrics.accountCount 3))
 */
export const f = Object.fromEntries(
  (Object.keys(OPERATORS) as OperatorName[]).map((op) => [
    OPERATORS[op].method,
    (...args: unknown[]) => node(op, args),
  ]),
) as unknown as FilterBuilder;

/** The JSON syntax (`qs=json`) of a filter. */
export function toJson(filter: Filter): string {
  return JSON.stringify(filter);
}

/** The LISP syntax (`qs=lisp`, the service's default) of a filter: fields bare, lists in parentheses, literals as JSON. */
export function toLisp(filter: Filter): string {
  const [op, ...args] = filter;
  const printed = args.map((arg, index) => {
    switch (argumentShape(argumentKindAt(op, index))) {
      case "filter":
        return toLisp(arg as Filter);
      case "field":
        return String(arg);
      case "list":
        return `(${(arg as readonly unknown[]).map((value) => JSON.stringify(value)).join(" ")})`;
      default:
        return JSON.stringify(arg);
    }
  });
  return `(${[op, ...printed].join(" ")})`;
}
