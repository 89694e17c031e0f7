/**
 * @module The reference of the query language, the fields and the error codes,
 * as markdown generated from their declarations: the grammar of both filter
 * syntaxes and of sorts, the operator table (src/query/operators.ts), the
 * field catalog (src/query/field-catalog.ts) and the table of error codes
 * (src/http/error-codes.ts). The OpenAPI document's description holds it, so
 * /docs renders it; `npm run docs:fields` writes the same tables into
 * docs/query-language.md.
 */

import type { FieldClass } from "../contact/types.ts";
import { MAX_BODY_BYTES } from "../http/body.ts";
import { ALL_ERROR_CODES, ERROR_CODES, errorTypeUri } from "../http/error-codes.ts";
import { type FieldDescription, fieldCatalog } from "../query/field-catalog.ts";
import { LIMITS } from "../query/limits.ts";
import {
  type ArgumentKind,
  OPERATORS,
  OPERATORS_BY_FIELD_CLASS,
  type OperatorName,
  operatorSpec,
} from "../query/operators.ts";

/** The documented types of each kind of field the operators are defined on. */
const TYPES_OF_CLASS: Record<FieldClass, string> = {
  string: "string",
  number: "integer, number",
  boolean: "boolean",
  timestamp: "date, date-time",
  "string-array": "string[]",
  "object-array": "object[]",
  object: "object",
  map: "map<currency, number>",
};

const ARGUMENT_NAMES: Record<ArgumentKind, string> = {
  filters: "1+ filters",
  filter: "filter",
  "element-filter": "filter on the element's keys",
  field: "field",
  value: "value",
  "value-or-null": "value or `null`",
  values: "list of values",
  text: "text",
  texts: "list of strings",
  pattern: "pattern",
};

const code = (text: string) => `\`${text.replaceAll("|", "\\|")}\``;

/** Every operator: its aliases, arguments, the types it applies to, what it means, an example. */
export function operatorTable(): string[] {
  const rows = (Object.keys(OPERATORS) as OperatorName[]).map((name) => {
    const spec = operatorSpec(name);
    const aliases = spec.aliases?.length ? ` (${spec.aliases.map(code).join(", ")})` : "";
    const classes = spec.fields ?? [];
    const fields =
      classes.length === Object.keys(TYPES_OF_CLASS).length
        ? "any"
        : classes.map((fieldClass) => TYPES_OF_CLASS[fieldClass]).join(", ");
    const args = spec.args.map((kind) => ARGUMENT_NAMES[kind]).join(", ");
    return `| ${code(name)}${aliases} | ${args} | ${fields || "—"} | ${spec.summary} | ${code(spec.example)} |`;
  });
  return [
    "| operator (aliases) | arguments | fields of type | matches when | example |",
    "|---|---|---|---|---|",
    ...rows,
  ];
}

function fieldRows(fields: FieldDescription[], prefix = ""): string[] {
  return fields.flatMap((field) => {
    const name = `\`${prefix}${field.name}\`${field.alias ? ` (alias \`${field.alias}\`)` : ""}`;
    const values = field.enum ? ` One of ${field.enum.map((value) => `\`${JSON.stringify(value)}\``).join(", ")}.` : "";
    const about = `${field.description ?? ""}${field.nullable ? " May be null." : ""}${values}`.replaceAll("|", "\\|");
    const line = `| ${name} | ${field.type} | ${field.sortable ? "yes" : "no"} | ${about.trim()} |`;
    const element = field.elementFields ? fieldRows(field.elementFields, `${prefix}${field.name}[].`) : [];
    return [line, ...element];
  });
}

/** Every field with its type, sortability and meaning, then the operators each type takes. */
export function fieldTable(): string[] {
  return [
    "| field | type | sortable | meaning |",
    "|---|---|---|---|",
    ...fieldRows(fieldCatalog()),
    "",
    "Operators each type takes:",
    "",
    "| type | operators |",
    "|---|---|",
    ...(Object.entries(OPERATORS_BY_FIELD_CLASS) as [FieldClass, readonly string[]][]).map(
      ([fieldClass, operators]) => `| ${TYPES_OF_CLASS[fieldClass]} | ${operators.join(", ")} |`,
    ),
    "",
    "Fields written `a.b[].c` are the element keys of an array of objects: inside",
    "`(any a.b (...))` they are named `c`. Map fields take any 3-letter currency code",
    "as their last segment (`USD` is shown as the example).",
  ];
}

/** Every error code with its status, title and what to do; each code links to its entry on /docs/errors. */
export function errorCodeTable(): string[] {
  return [
    "| code | status | title | what to do |",
    "|---|---|---|---|",
    ...ALL_ERROR_CODES.map((name) => {
      const { status, title, help } = ERROR_CODES[name];
      return `| [${code(name)}](${errorTypeUri(name)}) | ${status} | ${title} | ${help.replaceAll("|", "\\|")} |`;
    }),
  ];
}

const GRAMMAR = `## The query language

A query takes a **filter** (\`q\`, in the syntax \`qs\` names), a **sort** (\`s\`, in the syntax
\`ss\` names) and a page (\`page_size\` and \`page_number\`, or \`page_token\`).

### Filters in LISP (\`qs=lisp\`, the default)

\`\`\`
filter   = "(" operator argument* ")"
argument = filter | field | literal | list
list     = "(" literal* ")"
field    = a bare word: name, info.partner
literal  = string | number | true | false | null
string   = "Ada" | "O\\"Brien" | "\\u00e9"
number   = -3 | 2.5 | 1e3
\`\`\`

A field is a column (\`email_address\`, or its response key \`emailAddress\`) or an \`info\` path
(\`info.cosellPartnerMetrics.pipeline.USD\`); inside \`any\`, a key of the array's elements
(\`industry\`). Strings take JSON escapes. Operator names are case-insensitive (\`AND\`, \`Eq\`);
whitespace, newlines included, is free.

\`\`\`
(and (= info.partner "AWS") (>= info.cosellPartnerMetrics.accountCount 3))
(any info.cosellPartnerMetrics.accounts (and (= industry "Software") (> createdDate "2024-01-01")))
\`\`\`

### Filters in JSON (\`qs=json\`)

\`\`\`
filter   = ["operator", argument, ...]
argument = filter | field | literal | list
list     = [literal, ...]
field    = a string in a field position: "info.partner"
literal  = a JSON string, number, true, false or null
\`\`\`

\`["and", ["=", "info.partner", "AWS"], ["in", "name", ["Ada Lovelace", "Grace Hopper"]]]\` means exactly
what the LISP form does. In a POST body with \`"qs": "json"\`, \`q\` may be the JSON filter itself.

### Sorts

- \`ss=simple\` (the default): \`key ("," key)*\` where \`key = field [":asc" | ":desc"] | "-" field\`:
  \`creation_time:desc,name:asc\` is \`-creation_time,name\`. The default sort is \`creation_time:desc\`.
- \`ss=json\`: \`[{"field": "creation_time", "order": "desc"}, {"field": "name"}]\` (\`order\` defaults to \`asc\`).
- Every scalar field sorts. Nulls, missing values and values of the wrong type come last in both
  directions; \`id\` ascending always breaks ties.

### Meaning

- Two-valued logic: a filter is true or false for every contact; \`(not F)\` matches exactly what \`F\`
  does not, so \`!=\`, \`not-in\`, \`not-like\`, \`not-ilike\` also match a null or missing value.
- A null or missing value satisfies no comparison, pattern, \`in\`, \`has*\`, \`between\` or \`any\`.
- A comparison is typed by the field: a stored value of another JSON type satisfies nothing. A literal of
  the wrong type is a 400 (\`(> name 3)\`, a fraction for an integer field), and so is a documented value of
  an enumerated field in the wrong case (\`"aws"\` for \`"AWS"\`) under \`=\`, \`!=\`, \`in\`, \`not-in\`.
- Strings compare by code point and \`=\` is case-sensitive; the \`i\` operators ignore case.
- Timestamps compare with ISO-8601 strings (\`"2024-05-01"\`, \`"2024-05-01T10:00:00Z"\`); no zone means UTC.
- \`(= f null)\` and \`(!= f null)\` are \`is-null\` and \`is-not-null\`; \`null\` is allowed nowhere else.`;

function limits(): string {
  return `### Limits

Each is a 400 naming the limit: \`q\` at most ${LIMITS.maxFilterBytes} bytes, ${LIMITS.maxFilterNodes} operators and
${LIMITS.maxFilterDepth} levels; ${LIMITS.maxListValues} values per list; ${LIMITS.maxSortKeys} sort keys; ${LIMITS.maxFields}
\`fields\`; \`page_size\` 1..${LIMITS.maxPageSize}; \`(page_number - 1) * page_size\` at most ${LIMITS.maxOffset} (pages by
\`page_token\` have no such limit); a POST body at most ${MAX_BODY_BYTES} bytes (a 413).`;
}

const ERRORS = `## Errors

Every error answer has a code. By default its body is a JSON string — the parameter, the problem,
a hint in parentheses for the common mistakes, and the position:
\`"q: unknown field 'emial' (did you mean 'email_address'?) at line 1, column 4"\`. A request whose
\`Accept\` prefers \`application/problem+json\` (\`Accept: application/problem+json, application/json\`)
gets RFC 9457 problem details instead, with the same message as \`detail\` and its parts as fields:

\`\`\`json
{"type": "/docs/errors#unknown_field", "title": "Unknown field", "status": 400,
 "detail": "q: unknown field 'emial' (did you mean 'email_address'?) at line 1, column 4",
 "code": "unknown_field", "param": "q", "position": {"line": 1, "column": 4},
 "hint": "did you mean 'email_address'?"}
\`\`\`

\`position\` is \`{"line", "column"}\` (1-based) in LISP text, simple sorts and lists of names,
\`{"pointer"}\` (RFC 6901) in JSON, or null. The codes, also on [/docs/errors](/docs/errors):`;

/** The whole reference, after the document's introduction. */
export function referenceMarkdown(): string {
  return [
    GRAMMAR,
    "### Operators",
    operatorTable().join("\n"),
    limits(),
    "## Fields",
    "Filter and sort fields are the column names (snake_case), with the response's camelCase keys as aliases, " +
      "and `info.<path>` for the paths of the `info` document, typed by its documented schema.",
    fieldTable().join("\n"),
    ERRORS,
    errorCodeTable().join("\n"),
  ].join("\n\n");
}
