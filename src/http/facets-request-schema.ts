import { z } from "zod";
import { facetParameterDocs as docs, facetBodyDocs } from "../openapi/export-facets-docs.ts";
import { DEFAULT_FACET_LIMIT, MAX_FACET_FIELDS, MAX_FACET_LIMIT } from "../query/facets.ts";
import { contactQueryBody, contactQueryParams } from "./request-schema.ts";
import { onceOr, rejectInvalidWith } from "./route-validation.ts";

/**
 * The facets' parameters (`GET|POST /org/:orgId/contact/facets`): the query's
 * filter (`q`, `qs`, the very schemas of the query endpoint), `facet` (which
 * fields; checked against the registry by the language, src/query/facets.ts)
 * and `limit` (values per field).
 */
const LIMIT_MESSAGE = `must be an integer between 1 and ${MAX_FACET_LIMIT}`;
const FACET_REQUIRED = `required: 1 to ${MAX_FACET_FIELDS} comma-separated fields`;

const query = contactQueryParams.shape;
const body = contactQueryBody.shape;

export const contactFacetParams = z.strictObject({
  q: query.q,
  qs: query.qs,
  facet: z
    .string({ error: (issue) => (issue.input === undefined ? FACET_REQUIRED : onceOr("must be a string")(issue)) })
    .meta(docs.facet),
  limit: z
    .string({ error: onceOr(LIMIT_MESSAGE) })
    .regex(/^\d{1,9}$/, { error: LIMIT_MESSAGE })
    .transform(Number)
    .pipe(z.number().min(1, { error: LIMIT_MESSAGE }).max(MAX_FACET_LIMIT, { error: LIMIT_MESSAGE }))
    .default(DEFAULT_FACET_LIMIT)
    .meta(docs.limit),
});

export const contactFacetBody = z.strictObject(
  {
    q: body.q,
    qs: body.qs,
    facet: z
      .union([z.string(), z.array(z.string())], {
        error: (issue) => (issue.input === undefined ? FACET_REQUIRED : "must be a string or a list of strings"),
      })
      .meta(facetBodyDocs.facet),
    limit: z
      .union(
        [
          z.number(),
          z
            .string()
            .regex(/^\d{1,9}$/)
            .transform(Number),
        ],
        { error: LIMIT_MESSAGE },
      )
      .pipe(
        z
          .number()
          .int({ error: LIMIT_MESSAGE })
          .min(1, { error: LIMIT_MESSAGE })
          .max(MAX_FACET_LIMIT, { error: LIMIT_MESSAGE }),
      )
      .default(DEFAULT_FACET_LIMIT)
      .meta(facetBodyDocs.limit),
  },
  { error: "body: must be a JSON object" },
);

export const rejectInvalidFacets = rejectInvalidWith(Object.keys(contactFacetParams.shape));
