import fc from "fast-check";
import { AWKWARD_STRINGS } from "../fixtures/contacts.ts";

/**
 * fast-check generators of filters (as JSON syntax values) and sorts over the
 * fields the fixture data populates, with literals drawn from the same pools
 * as the data so that filters actually match rows.
 */
const STRING_FIELDS = [
  "name",
  "email_address",
  "emailAddress",
  "company_contact_id",
  "id",
  "info.companyName",
  "info.partner",
  "info.enrichedContactInfo.status",
  "info.enrichedContactInfo.info.seniority",
];
const NUMBER_FIELDS = [
  "info.cosellPartnerMetrics.accountCount",
  "info.cosellPartnerMetrics.pipeline.USD",
  "info.cosellPartnerMetrics.pipeline.EUR",
];
const TIME_FIELDS = ["creation_time", "last_update_time", "creationTime", "info.enrichedContactInfo.createdAt"];
const ARRAY_FIELDS = ["tags", "info.enrichedContactInfo.info.skills"];

const strings = fc.constantFrom(...AWKWARD_STRINGS, "AWS", "aws", "active", "Active", "senior", "crm-1", "x3@acme.com");
const numbers = fc.constantFrom(0, 1, 2, 2.5, 3, -1, 10, 99.5, 1000, 500.25);
const times = fc.constantFrom(
  "2024-01-01",
  "2023-06-01T00:00:00Z",
  "2024-01-01T00:00:00.000000Z",
  "2023-12-31T23:00:00-02:00",
  "2024-02-29",
  "2024-06-15T12:00:00Z",
  "2024-06-15 10:00:00+00",
);
const members = fc.constantFrom("vip", "partner", "lead", "VIP", "100%", "a_b", "nope");
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
);

type Json = unknown;

function comparison(field: fc.Arbitrary<string>, value: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc.oneof(
    fc
      .tuple(fc.constantFrom("=", "!=", "<", "<=", ">", ">=", "eq", "ne", "gte", "lt"), field, value)
      .map(([op, f, v]) => [op, f, v]),
    fc.tuple(field, value, value).map(([f, a, b]) => ["between", f, a, b]),
    fc
      .tuple(fc.constantFrom("in", "not-in", "nin"), field, fc.array(value, { maxLength: 4 }))
      .map(([op, f, vs]) => [op, f, vs]),
    fc.tuple(fc.constantFrom("is-null", "is-not-null", "exists"), field).map(([op, f]) => [op, f]),
    fc.tuple(fc.constantFrom("=", "!="), field).map(([op, f]) => [op, f, null]),
  );
}

const stringLeaf = fc.oneof(
  comparison(fc.constantFrom(...STRING_FIELDS), strings),
  fc
    .tuple(fc.constantFrom("like", "ilike", "not-like", "not-ilike"), fc.constantFrom(...STRING_FIELDS), patterns)
    .map((t) => [...t]),
  fc
    .tuple(
      fc.constantFrom("contains", "icontains", "starts-with", "istarts-with", "ends-with", "iends-with"),
      fc.constantFrom(...STRING_FIELDS),
      fc.constantFrom("a", "%", "_", "\\", "É", "é", "ACME", "lph", '"', ""),
    )
    .map((t) => [...t]),
);

const leaf = fc.oneof(
  stringLeaf,
  comparison(fc.constantFrom(...NUMBER_FIELDS), numbers),
  comparison(fc.constantFrom(...TIME_FIELDS), times),
  fc.tuple(fc.constantFrom(...ARRAY_FIELDS), members).map(([f, v]) => ["has", f, v]),
  fc
    .tuple(fc.constantFrom("has-any", "has-all"), fc.constantFrom(...ARRAY_FIELDS), fc.array(members, { maxLength: 3 }))
    .map((t) => [...t]),
);

const opportunityFilter: fc.Arbitrary<Json> = fc.oneof(
  comparison(fc.constantFrom("amount"), numbers),
  comparison(fc.constantFrom("isWon"), fc.boolean()).filter(
    (f) => !["<", "<=", ">", ">=", "lt", "gte", "between"].includes((f as string[])[0] ?? ""),
  ),
  comparison(fc.constantFrom("stageName"), fc.constantFrom("Closed Won", "Prospecting", "closed won")),
);

const accountFilter: fc.Arbitrary<Json> = fc.oneof(
  comparison(fc.constantFrom("industry", "name"), fc.constantFrom("Software", "software", "Retail", "alpha", "Émile")),
  comparison(fc.constantFrom("createdDate"), times),
  fc
    .tuple(fc.constantFrom("icontains", "starts-with"), fc.constantFrom("industry"), fc.constantFrom("soft", "S"))
    .map((t) => [...t]),
  opportunityFilter.map((inner) => ["any", "opportunities", inner]),
);

const anyFilter = accountFilter.map((inner) => ["any", "info.cosellPartnerMetrics.accounts", inner]);

export const filterArbitrary: fc.Arbitrary<Json> = fc.letrec<{ filter: Json }>((tie) => ({
  filter: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    anyFilter,
    fc
      .tuple(fc.constantFrom("and", "or"), fc.array(tie("filter"), { minLength: 1, maxLength: 3 }))
      .map(([op, args]) => [op, ...args]),
    tie("filter").map((inner) => ["not", inner]),
  ),
})).filter;

const SORTABLE = [...STRING_FIELDS, ...NUMBER_FIELDS, ...TIME_FIELDS];

export const sortArbitrary = fc
  .uniqueArray(fc.constantFrom(...SORTABLE), {
    minLength: 1,
    maxLength: 3,
    selector: (name) => name.replace(/([A-Z])/g, "_$1").toLowerCase(),
  })
  .chain((fields) =>
    fc.tuple(fc.constant(fields), fc.array(fc.boolean(), { minLength: fields.length, maxLength: fields.length })),
  )
  .map(([fields, descending]) => fields.map((field, i) => `${descending[i] ? "-" : ""}${field}`).join(","));
