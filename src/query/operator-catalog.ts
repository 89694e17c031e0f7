/**
 * @module The operator table as a list, for `/fields`: what a client needs to offer
 * operators while a filter is written (the explorer's completion) without a
 * copy of the table — each operator's names, what it means, an example, and
 * how its arguments are written.
 */
import { type ArgumentKind, argumentShape, OPERATORS, type OperatorSpec } from "./operators.ts";

export interface OperatorDescription {
  name: string;
  aliases: readonly string[];
  summary: string;
  /** In LISP syntax. */
  example: string;
  /** How each argument is written, in order: a nested filter, a bare field, a list of literals, or one literal. */
  arguments: readonly ArgumentShape[];
  /** The last argument repeats (`and`, `or`: one or more filters). */
  variadic: boolean;
}

type ArgumentShape = ReturnType<typeof argumentShape>;

/** Every shape `argumentShape` gives, for the OpenAPI schema's enum (a record, so that none can be missed). */
const SHAPES: Record<ArgumentShape, true> = { filter: true, field: true, list: true, value: true };
export const ARGUMENT_SHAPES = Object.keys(SHAPES) as [ArgumentShape, ...ArgumentShape[]];

const REPEATING: ReadonlySet<ArgumentKind> = new Set(["filters"]);

export function operatorCatalog(): OperatorDescription[] {
  return (Object.entries(OPERATORS) as [string, OperatorSpec][]).map(([name, spec]) => ({
    name,
    aliases: spec.aliases ?? [],
    summary: spec.summary,
    example: spec.example,
    arguments: spec.args.map(argumentShape),
    variadic: spec.args.some((kind) => REPEATING.has(kind)),
  }));
}
