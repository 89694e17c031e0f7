/**
 * @module The OpenAPI 3.1 document, assembled from the endpoints' own
 * declarations (src/endpoints/*): their paths, parameters (the very ones the
 * validator uses), bodies and responses, the shared errors, and the component
 * schemas they name. Served at /openapi.json.
 */
import type { Endpoint, ResponseDoc } from "../http/endpoint.ts";
import type { JsonSchema, Parameter } from "../http/parameters.ts";
import { Contact, ContactInfo, ErrorMessage, ProjectedContact } from "./contact-schemas.ts";
import { ERROR_RESPONSES, PAYLOAD_TOO_LARGE, Problem, PUBLIC_ERRORS } from "./error-responses.ts";
import { referenceMarkdown } from "./reference.ts";

const INTRODUCTION = `Filters, sorts and pages an organization's contacts, with a LISP-style or JSON filter language.

1. Paste an API key (\`cq_…\`) into **Bearer Token** under *Authentication*; \`npm run dev\` prints demo keys.
2. Open *Query contacts* and press **Test Request**; set \`orgId\` to the key's organization and \`q\` to a
   filter such as \`(= info.partner "AWS")\`, and press **Send**.
3. *List the filterable and sortable fields* shows every field with its type and operators.

Below: the query language (its grammar, every operator), the fields and the error codes.`;

/** Component schemas every endpoint may name. */
const SHARED_SCHEMAS: Record<string, JsonSchema> = {
  Contact,
  ProjectedContact,
  ContactInfo,
  Error: ErrorMessage,
  Problem,
};

export function openApiDocument(endpoints: readonly Endpoint[], origin: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, JsonSchema> = {};
  for (const { spec } of endpoints) {
    paths[spec.path] ??= {};
    const item = paths[spec.path] as Record<string, unknown>;
    for (const method of spec.methods) {
      item[method.toLowerCase()] = operation(spec, method);
    }
    Object.assign(schemas, spec.schemas);
  }
  return {
    openapi: "3.1.0",
    // The introduction, then the whole reference: Scalar renders the description's markdown at /docs.
    info: { title: "Contact query API", version: "1.0.0", description: `${INTRODUCTION}\n\n${referenceMarkdown()}` },
    servers: [{ url: origin, description: "this deployment" }],
    tags: [{ name: "contacts", description: "Query an organization's contacts" }],
    paths,
    components: {
      schemas: { ...schemas, ...SHARED_SCHEMAS },
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "cq_ + 43 base64url characters",
          description: "An API key of the organization in the path: `Authorization: Bearer <api key>`.",
        },
      },
    },
  };
}

type Spec = Endpoint["spec"];

function operation(spec: Spec, method: "GET" | "POST"): Record<string, unknown> {
  const post = method === "POST";
  const both = spec.methods.length > 1;
  const pathParameters = [...spec.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    description: "The organization; the API key must belong to it (403 otherwise).",
    schema: { type: "string" },
    example: "org_demo_acme",
  }));
  const queryParameters = post ? [] : Object.entries(spec.parameters).map(([name, p]) => queryParameter(name, p));
  const conditional = spec.responses[304]
    ? [
        {
          name: "If-None-Match",
          in: "header",
          required: false,
          description: "an ETag from an earlier response; a match answers 304 without a body",
          schema: { type: "string" },
        },
      ]
    : [];
  const description = post
    ? `${spec.description} The same parameters as the GET, as a JSON body, for filters too long for a URL; a query string on a POST is a 400.`
    : spec.description;
  return {
    operationId: post && both ? `${spec.operationId}Post` : spec.operationId,
    tags: ["contacts"],
    summary: post && both ? `${spec.summary} (parameters in a JSON body)` : spec.summary,
    description,
    ...(spec.authenticated ? { security: [{ bearerAuth: [] }] } : {}),
    parameters: [...pathParameters, ...queryParameters, ...conditional],
    ...(post && Object.keys(spec.parameters).length > 0 ? { requestBody: requestBody(spec) } : {}),
    responses: responses(spec, post),
  };
}

function queryParameter(name: string, { doc }: Parameter) {
  return {
    name,
    in: "query",
    required: doc.required ?? false,
    description: doc.description,
    schema: doc.schema,
    ...(doc.examples ? { examples: doc.examples } : {}),
  };
}

function requestBody(spec: Spec) {
  // A body parameter given as null is absent (src/http/endpoint.ts), whatever its type.
  const properties = Object.fromEntries(
    Object.entries(spec.parameters).map(([name, { doc }]) => {
      const { description, ...schema } = doc.bodySchema ?? doc.schema;
      return [
        name,
        {
          anyOf: [schema, { type: "null" }],
          description: description ?? doc.description,
          ...(doc.bodyExamples ? { examples: doc.bodyExamples } : {}),
        },
      ];
    }),
  );
  const required = Object.entries(spec.parameters)
    .filter(([, { doc }]) => doc.required)
    .map(([name]) => name);
  return {
    required: spec.bodyRequired ?? false,
    description: spec.bodyRequired
      ? "The parameters, as a JSON object."
      : "The parameters, as a JSON object. An empty body (and no Content-Type) means all defaults.",
    content: {
      "application/json": {
        schema: {
          type: "object",
          properties,
          ...(required.length > 0 ? { required } : {}),
          additionalProperties: false,
        },
      },
    },
  };
}

function responses(spec: Spec, post: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, doc] of Object.entries(spec.responses)) out[status] = response(doc);
  const errors = spec.authenticated
    ? Object.entries(ERROR_RESPONSES)
    : Object.entries(ERROR_RESPONSES).filter(([status]) =>
        (PUBLIC_ERRORS as readonly number[]).includes(Number(status)),
      );
  for (const [status, doc] of errors) out[status] ??= response(doc);
  if (post) out[413] = response(PAYLOAD_TOO_LARGE);
  return out;
}

function response(doc: ResponseDoc): Record<string, unknown> {
  return {
    description: doc.description,
    ...(doc.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(doc.headers).map(([name, { description, required, ...schema }]) => [
              name,
              { schema, ...(required ? { required: true } : {}), ...(description ? { description } : {}) },
            ]),
          ),
        }
      : {}),
    ...(doc.content
      ? {
          content: Object.fromEntries(
            Object.entries(doc.content).map(([mediaType, schema]) => [mediaType, { schema }]),
          ),
        }
      : {}),
  };
}
