import fc from "fast-check";
import {
  AWKWARD_STRINGS,
  CURRENCY_KEYS,
  INTEGERS,
  NUMBERS,
  SEARCH_TEXTS,
  STRING_POOLS,
  VALID_DATE_TIMES,
  VALID_DATES,
} from "../fixtures/contacts.ts";
import { DOCUMENTED_FIELDS, type DocumentedType, PARTNER_ENUM, STATUS_ENUM } from "../fixtures/documented-schema.ts";

/**
 * fast-check generators of filters (as JSON syntax values) and sorts over
 * every documented field (test/fixtures/documented-schema.ts): each field gets
 * the operator families its type takes, with literals drawn from the pools
 * the fixture rows are generated from (test/fixtures/contacts.ts), so that
 * filters actually match rows.
 *
 * - string: comparisons, between, in / not-in, like / ilike and their
 *   negations, contains / starts-with / ends-with and their `i` forms
 * - integer, number (and every currency of a map, `pipeline.EUR`):
 *   comparisons, between, in / not-in
 * - boolean: =, !=, in, not-in
 * - date, date-time: comparisons, between, in / not-in, with literals in every
 *   zone spelling (`Z`, `+00:00`, `+0000`, `+02`, none) and dates alone
 * - string arrays: has, has-any, has-all
 * - arrays of objects: `any` over the element's own fields, nested
 *   (accounts → opportunities)
 * - every field, objects and maps included: is-null, is-not-null, = / != null
 *
 * Sorts pick up to three of the scalar fields, `info` paths at any depth
 * and map currencies included.
 */
type Json = unknown;

interface FieldNode {
  /** The name in its scope: a column or alias, `info.a.b`, or an element's own key inside `any`. */
  readonly name: string;
  /** The documented path, which names its literal pool (`a.b[].c` for element fields). */
  readonly path: string;
  readonly type: DocumentedType;
}

/** Filter literals of the columns (the generated rows' own values, see generatedContact). */
const COLUMN_STRINGS: Readonly<Record<string, readonly string[]>> = {
  email_address: ["x3@acme.com", "Y10@ACME.com", "z_4@beta.io"],
  company_contact_id: ["crm-1", "crm-3", "crm-6"],
  id: ["g_org_generated_001", "g_org_generated_150", "c_ada"],
  organization_id: ["org_generated", "org_alpha"],
};
const COLUMN_TIMES = [
  "2024-01-01",
  "2023-06-01T00:00:00Z",
  "2024-01-01T00:00:00.000000Z",
  "2023-12-31T23:00:00-02:00",
  "2024-02-29",
  "2024-06-15T12:00:00Z",
  "2024-06-15 10:00:00+00",
  "2023-09-10T08:00:00+0000",
  "2023-09-10T08:00:00+00:00",
  "2023-09-10T08:00:00",
];
/** Literals for `date` fields: the rows' dates, and instants in each zone spelling (a date is midnight UTC). */
const DATE_LITERALS = [
  ...VALID_DATES,
  "2024-03-15T00:00:00Z",
  "2024-03-15T00:00:00+0000",
  "2024-03-14T23:00:00-01:00",
  "2024-03-15T00:00:00",
];
/** Literals for `date-time` fields: the rows' valid spellings, plus zones the rows do not use. */
const DATE_TIME_LITERALS = [...VALID_DATE_TIMES, "2024-03-05T11:20:30+01", "2024-03-05T10:20:30.000001Z"];

const patterns = fc.constantFrom(
  "%",
  "a%",
  "%a%",
  "_lpha",
  "%\\%",
  "%\\_%",
  "%\\\\%",
  "É%",
  "%ACME.COM",
  "",
  "%e_",
  "Ж%",
  "%@seller.example",
  "Closed%",
  "%.io",
);
const fragments = fc.constantFrom("a", "%", "_", "\\", "É", "é", "ACME", "lph", '"', "", "Won", "seller", "+0000");

/** `equal`: the literals `=`, `!=`, `in` and `not-in` take, when fewer than the ordered comparisons take. */
function comparison(name: string, value: fc.Arbitrary<Json>, equal = value): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.tuple(fc.constantFrom("=", "!=", "eq", "ne"), equal).map(([op, v]) => [op, name, v]),
    fc.tuple(fc.constantFrom("<", "<=", ">", ">=", "gte", "lt"), value).map(([op, v]) => [op, name, v]),
    fc.tuple(value, value).map(([a, b]) => ["between", name, a, b]),
    fc
      .tuple(fc.constantFrom("in", "not-in", "nin"), fc.array(equal, { maxLength: 4 }))
      .map(([op, vs]) => [op, name, vs]),
    nullCheck(name),
  );
}

/** The documented values of the enumerated fields. */
const DOCUMENTED_VALUES: Readonly<Record<string, readonly string[]>> = {
  "info.partner": PARTNER_ENUM,
  "info.enrichedContactInfo.status": STATUS_ENUM,
};

/**
 * Whether `value` equals a documented value of the field only when case is
 * ignored (`"aws"`): a 400 under `=`, `!=`, `in` and `not-in` (such values
 * stay in the rows, and ordered comparisons take them).
 */
function wrongCase(path: string, value: string): boolean {
  const values = DOCUMENTED_VALUES[path] ?? [];
  return !values.includes(value) && values.some((documented) => documented.toLowerCase() === value.toLowerCase());
}

/** is-null / is-not-null on any field; `= null` / `!= null` only where `=` applies (scalars). */
function nullCheck(name: string, scalar = true): fc.Arbitrary<Json> {
  const named = fc.constantFrom("is-null", "is-not-null", "exists").map((op) => [op, name]);
  return scalar
    ? fc.oneof(
        named,
        fc.constantFrom("=", "!=").map((op) => [op, name, null]),
      )
    : named;
}

function stringLiterals(node: FieldNode): fc.Arbitrary<string> {
  const own = COLUMN_STRINGS[node.path] ?? STRING_POOLS[node.path];
  const awkward = fc.constantFrom(...AWKWARD_STRINGS);
  return own ? fc.oneof({ arbitrary: fc.constantFrom(...own), weight: 3 }, { arbitrary: awkward, weight: 1 }) : awkward;
}

function leaf(node: FieldNode, elementFields: (path: string) => FieldNode[]): fc.Arbitrary<Json> {
  const { name } = node;
  switch (node.type) {
    case "string": {
      const literals = stringLiterals(node);
      return fc.oneof(
        comparison(
          name,
          literals,
          literals.filter((literal) => !wrongCase(node.path, literal)),
        ),
        fc.tuple(fc.constantFrom("like", "ilike", "not-like", "not-ilike"), patterns).map(([op, p]) => [op, name, p]),
        fc
          .tuple(
            fc.constantFrom("contains", "icontains", "starts-with", "istarts-with", "ends-with", "iends-with"),
            fc.oneof(fragments, literals),
          )
          .map(([op, text]) => [op, name, text]),
      );
    }
    case "integer":
      return comparison(name, fc.constantFrom(...INTEGERS));
    case "number":
      return comparison(name, fc.constantFrom(...NUMBERS, ...INTEGERS));
    case "boolean":
      return fc.oneof(
        fc.tuple(fc.constantFrom("=", "!=", "eq", "ne"), fc.boolean()).map(([op, v]) => [op, name, v]),
        fc
          .tuple(fc.constantFrom("in", "not-in"), fc.array(fc.boolean(), { maxLength: 2 }))
          .map(([op, vs]) => [op, name, vs]),
        nullCheck(name),
      );
    case "date":
      return comparison(name, fc.constantFrom(...DATE_LITERALS));
    case "date-time":
      return comparison(
        name,
        fc.constantFrom(...(node.path.includes(".") ? DATE_TIME_LITERALS : [...COLUMN_TIMES, ...DATE_TIME_LITERALS])),
      );
    case "string[]": {
      const members = fc.constantFrom(...(STRING_POOLS[node.path] ?? []), "nope", "software");
      return fc.oneof(
        members.map((v) => ["has", name, v]),
        fc
          .tuple(fc.constantFrom("has-any", "has-all"), fc.array(members, { maxLength: 3 }))
          .map(([op, vs]) => [op, name, vs]),
        nullCheck(name, false),
      );
    }
    case "object[]":
      return fc.oneof(
        {
          arbitrary: elementFilter(elementFields(node.path), elementFields).map((inner) => ["any", name, inner]),
          weight: 4,
        },
        { arbitrary: nullCheck(name, false), weight: 1 },
      );
    case "map<currency, number>":
    case "object":
      return nullCheck(name, false);
  }
}

/** A filter inside `any`: the element's own fields, a nested `any`, and small and / or / not combinations. */
function elementFilter(fields: FieldNode[], elementFields: (path: string) => FieldNode[]): fc.Arbitrary<Json> {
  const single = fc.oneof(...fields.flatMap(expandMaps).map((node) => leaf(node, elementFields)));
  return fc.oneof(
    { arbitrary: single, weight: 4 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom("and", "or"), fc.array(single, { minLength: 1, maxLength: 2 }))
        .map(([op, args]) => [op, ...args]),
      weight: 1,
    },
    { arbitrary: single.map((inner) => ["not", inner]), weight: 1 },
  );
}

/** A map field stands for one number field per currency (and the map itself, for null checks). */
function expandMaps(node: FieldNode): FieldNode[] {
  if (node.type !== "map<currency, number>") return [node];
  // JPY occurs in no row: comparisons on it match nothing, negations everything.
  return [
    node,
    ...[...CURRENCY_KEYS, "JPY"].map((key) => ({ ...node, name: `${node.name}.${key}`, type: "number" as const })),
  ];
}

/** The fields of the contact (columns with their aliases, every `info` path outside arrays). */
const CONTACT_FIELDS: FieldNode[] = DOCUMENTED_FIELDS.filter((field) => !field.path.includes("[]")).flatMap((field) => {
  const node = { name: field.path, path: field.path, type: field.type };
  return field.alias ? [node, { ...node, name: field.alias }] : [node];
});

/** The fields of the elements of the array at `arrayPath`, named by their own key. */
function elementFieldsOf(arrayPath: string): FieldNode[] {
  const prefix = `${arrayPath}[].`;
  return DOCUMENTED_FIELDS.filter(
    (field) => field.path.startsWith(prefix) && !field.path.slice(prefix.length).includes("[]"),
  ).map((field) => ({ name: field.path.slice(prefix.length), path: field.path, type: field.type }));
}

const contactNodes = CONTACT_FIELDS.flatMap(expandMaps);
/** A quarter of the leaves are `any` over one of the five arrays of objects (they nest the most cases), the rest one of the other fields. */
const contactLeaf = fc.oneof(
  {
    arbitrary: fc.oneof(...contactNodes.filter((n) => n.type !== "object[]").map((n) => leaf(n, elementFieldsOf))),
    weight: 3,
  },
  {
    arbitrary: fc.oneof(...contactNodes.filter((n) => n.type === "object[]").map((n) => leaf(n, elementFieldsOf))),
    weight: 1,
  },
);

export const filterArbitrary: fc.Arbitrary<Json> = fc.letrec<{ filter: Json }>((tie) => ({
  filter: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    contactLeaf,
    fc
      .tuple(fc.constantFrom("and", "or"), fc.array(tie("filter"), { minLength: 1, maxLength: 3 }))
      .map(([op, args]) => [op, ...args]),
    tie("filter").map((inner) => ["not", inner]),
  ),
})).filter;

const SCALAR_TYPES: ReadonlySet<DocumentedType> = new Set([
  "string",
  "integer",
  "number",
  "boolean",
  "date",
  "date-time",
]);

/** Every scalar field of the contact, nested `info` paths and map currencies included. */
const SORTABLE = CONTACT_FIELDS.flatMap(expandMaps).filter((node) => SCALAR_TYPES.has(node.type));

export const sortArbitrary = fc
  .uniqueArray(fc.constantFrom(...SORTABLE), {
    minLength: 1,
    maxLength: 3,
    // An alias and its column are the same field: at most one of them.
    selector: (node) => (node.name.startsWith("info.") ? node.name : node.path),
  })
  .chain((nodes) =>
    fc.tuple(fc.constant(nodes), fc.array(fc.boolean(), { minLength: nodes.length, maxLength: nodes.length })),
  )
  .map(([nodes, descending]) => nodes.map((node, i) => `${descending[i] ? "-" : ""}${node.name}`).join(","));

/** Fields a projection may name: columns by either name, the whole document, paths present, absent or of the wrong type. */
export const PROJECTABLE_FIELDS = [
  "id",
  "name",
  "emailAddress",
  "company_contact_id",
  "creation_time",
  "lastUpdateTime",
  "organizationID",
  "tags",
  "info",
  "info.partner",
  "info.companyName",
  "info.cosellPartnerMetrics",
  "info.cosellPartnerMetrics.accountCount",
  "info.cosellPartnerMetrics.successRate",
  "info.cosellPartnerMetrics.pipeline.USD",
  "info.cosellPartnerMetrics.industries",
  "info.cosellPartnerMetrics.accounts",
  "info.enrichedContactInfo.status",
  "info.enrichedContactInfo.info.isPrimary",
  "info.enrichedContactInfo.info.workExperiences",
  "info.cosellPartnerMetrics.pipeline.EUR",
  "info.enrichedContactInfo.info.seniority",
];

/** The searchable text of the fixture rows (name, e-mail, company, enrichment names and title). */
const SEARCHED_TEXTS = [
  ...SEARCH_TEXTS,
  ...(COLUMN_STRINGS.email_address ?? []),
  ...["x", "Y", "z_"].map((local) => `${local}12@ACME.com`),
  ...(STRING_POOLS["info.enrichedContactInfo.email"] ?? []),
  ...(STRING_POOLS["info.enrichedContactInfo.companyDomain"] ?? []),
  ...(STRING_POOLS["info.enrichedContactInfo.jobTitle"] ?? []),
  "Kierkegaard Beyond",
];
/** Their words, split as plainly as possible (a search splits them by its own rules). */
const SEARCHED_WORDS = [...new Set(SEARCHED_TEXTS.flatMap((text) => text.split(/[^\p{L}\p{N}]+/u)))].filter(Boolean);

const ACCENTED: Record<string, string> = { a: "á", e: "é", o: "ö", u: "ü", c: "ç", n: "ñ", i: "î", E: "É", A: "À" };
/** Letters without a decomposition in place of plain ones: they match only themselves. */
const UNDECOMPOSED: Record<string, string> = { o: "ø", l: "ł", s: "ß", O: "Ø", L: "Ł" };
const swap = (word: string, table: Record<string, string>) => Array.from(word, (c) => table[c] ?? c).join("");

/** A word as a user might type it: whole, its beginning or a piece from its inside, in any case, accents added or dropped. */
const typedWord = fc
  .tuple(
    fc.constantFrom(...SEARCHED_WORDS),
    fc.constantFrom("whole", "prefix", "prefix", "inside"),
    fc.nat(),
    fc.constantFrom("as-is", "upper", "lower", "title", "accented", "unaccented", "undecomposed"),
  )
  .map(([word, part, cut, style]) => {
    const letters = Array.from(word);
    const at = letters.length > 1 ? 1 + (cut % (letters.length - 1)) : 1;
    const piece =
      part === "prefix"
        ? letters.slice(0, at).join("")
        : part === "inside" && letters.length > 1
          ? letters.slice(at).join("")
          : word;
    switch (style) {
      case "upper":
        return piece.toUpperCase();
      case "lower":
        return piece.toLowerCase();
      case "title":
        return piece.charAt(0).toUpperCase() + piece.slice(1).toLowerCase();
      case "accented":
        return swap(piece, ACCENTED);
      case "unaccented":
        return piece.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      case "undecomposed":
        return swap(piece, UNDECOMPOSED);
      default:
        return piece;
    }
  });

/**
 * Search texts (`search=`) made from the fixture rows' own searchable text, as
 * people type them into a search box: one to four words (beginnings of stored
 * words, whole words, pieces from inside a word that must not match), in any
 * case, with accents added or removed and letters without a decomposition
 * (ø ł ß), separated by spaces, punctuation or e-mail signs; and now and then
 * a text no search accepts (no word at all, more than 8 words, more than 200
 * characters).
 */
export const searchTextArbitrary: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(
        fc.array(typedWord, { minLength: 1, maxLength: 4 }),
        fc.array(fc.constantFrom(" ", "  ", ", ", ".", "@", "-", "_", "/", " & ", "'"), { minLength: 4, maxLength: 4 }),
        fc.constantFrom("", " ", "(", '"'),
      )
      .map(
        ([words, separators, edge]) =>
          edge + words.map((word, i) => (i === 0 ? word : `${separators[i - 1]}${word}`)).join("") + edge,
      ),
  },
  // Blank text is no search at all (test/http/search.test.ts): not drawn here.
  { weight: 1, arbitrary: fc.constantFrom(...SEARCHED_TEXTS.filter((text) => text.trim() !== "")) },
  { weight: 1, arbitrary: fc.constantFrom("!!", "—", "@.", "\u0301", "x y z w v u t s r", "ab ".repeat(70)) },
);
