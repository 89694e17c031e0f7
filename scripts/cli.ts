import { parseArgs } from "node:util";
import { DatabaseInUseError } from "./dev/pglite-lock.ts";

/**
 * Runs a script's main function and turns failures into a one-paragraph
 * message and exit code 1 (a stack trace only with DEBUG=1): these scripts are
 * run by people, and the usual failures (no database, locked PGlite, bad
 * argument) are not bugs.
 */
export class UsageError extends Error {}

export function runMain(main: () => Promise<number | undefined>): void {
  // Exit explicitly: idle driver sockets or PGlite may otherwise keep the event loop alive.
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      if (error instanceof UsageError || error instanceof DatabaseInUseError) {
        console.error(`error: ${error.message}`);
      } else {
        console.error(`error: ${describeError(error)}`);
        if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
      }
      process.exit(1);
    },
  );
}

/**
 * For scripts whose only option is --help: prints `usage` and returns true
 * when it was asked for.
 */
export function helpRequested(usage: string): boolean {
  const { values } = parseArgs({ options: { help: { type: "boolean", short: "h", default: false } } });
  if (values.help) console.log(usage);
  return values.help;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (code === "42P01") return `${error.message} — is the schema migrated? run \`npm run db:migrate\``;
    return `${error.message || error.name}${typeof code === "string" ? ` (${code})` : ""}`;
  }
  if (error && typeof error === "object" && "type" in error) {
    // The Neon driver reports a failed WebSocket as an ErrorEvent, not an Error.
    return "could not connect to the database (is it running, and is DATABASE_URL right?)";
  }
  return String(error);
}

/**
 * For commands taking one positional argument and only --help: prints `usage`
 * and returns undefined when help was asked for, else the argument checked
 * as `oneArgument` does.
 */
export function argumentOrHelp(
  what: string,
  check: (value: string | undefined) => string | undefined,
  usage: string,
): string | undefined {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    console.log(usage);
    return undefined;
  }
  return oneArgument(positionals, what, check, usage);
}

/**
 * A command's one positional argument, checked by `check` (which returns a
 * problem, or undefined when the value is fine); a UsageError otherwise.
 */
export function oneArgument(
  positionals: readonly string[],
  what: string,
  check: (value: string | undefined) => string | undefined,
  usage: string,
): string {
  if (positionals.length > 1) throw new UsageError(`expected one ${what}, got ${positionals.length}\n${usage}`);
  const value = positionals[0];
  const problem = check(value);
  if (problem || value === undefined) throw new UsageError(`${problem}\n${usage}`);
  return value;
}
