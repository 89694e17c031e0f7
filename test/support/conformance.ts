import { exports } from "cloudflare:workers";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";

/**
 * Every 200 the tests receive with a JSON body is checked against its
 * operation's schema in the Worker's own /openapi.json (Ajv, JSON Schema
 * 2020-12, formats on): pages, projected pages, facets, fields, purges —
 * whatever a test asked, the document must describe what came back; and so
 * is every error answered as problem details (`application/problem+json`),
 * against its status's problem schema (a path the document does not list,
 * against `Problem`). A body it does not describe fails the test that
 * received it.
 */
type Json = Record<string, unknown>;

interface Operation {
  readonly pattern: RegExp;
  readonly method: string;
  /** By status: the 200's JSON schema, each error's problem details schema. */
  readonly validators: ReadonlyMap<number, ValidateFunction>;
}

interface Conformance {
  readonly operations: Operation[];
  /** `Problem` itself, for errors of paths the document does not list (a 404). */
  readonly problem: ValidateFunction;
}

let conformance: Promise<Conformance> | undefined;

const PROBLEM = "application/problem+json";

const escapePointer = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");

async function load(): Promise<Conformance> {
  const response = await exports.default.fetch(new Request("https://api.test/openapi.json"));
  const document = (await response.json()) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("media-range", true);
  ajv.addSchema(document, "openapi.json");
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
    const pattern = new RegExp(`^${path.replaceAll(/\{\w+\}/g, "[^/]+")}$`);
    for (const method of Object.keys(item)) {
      const responses = (item[method]?.responses ?? {}) as Record<string, { content?: Json }>;
      const validators = new Map<number, ValidateFunction>();
      for (const [status, { content }] of Object.entries(responses)) {
        const mediaType = status === "200" ? "application/json" : PROBLEM;
        if (!content?.[mediaType]) continue;
        const pointer = ["paths", path, method, "responses", status, "content", mediaType, "schema"].map(escapePointer);
        validators.set(Number(status), ajv.compile({ $ref: `openapi.json#/${pointer.join("/")}` }));
      }
      operations.push({ pattern, method: method.toUpperCase(), validators });
    }
  }
  return { operations, problem: ajv.compile({ $ref: "openapi.json#/components/schemas/Problem" }) };
}

/** Reads the document and compiles its schemas, once per test file (test/support/setup.ts). */
export async function loadConformance(): Promise<void> {
  conformance ??= load();
  await conformance;
}

/** Throws when `response` is a JSON 200, or problem details, that its operation's schema does not describe. */
export async function checkConformance(request: Request, response: Response): Promise<void> {
  const mediaType = (response.headers.get("Content-Type") ?? "").split(";")[0];
  const problem = mediaType === PROBLEM;
  if (!(response.status === 200 && mediaType === "application/json") && !problem) return;
  const { pathname } = new URL(request.url);
  conformance ??= load();
  const loaded = await conformance;
  const method = request.method === "HEAD" ? "GET" : request.method;
  const operation = loaded.operations.find(
    (candidate) => candidate.method === method && candidate.pattern.test(pathname),
  );
  // /openapi.json itself and the pages of /docs are not in the document; their errors are problems all the same.
  const validate = operation?.validators.get(response.status) ?? (problem ? loaded.problem : undefined);
  if (!validate) {
    if (problem && operation) throw new Error(`${request.method} ${pathname} documents no ${response.status}`);
    return;
  }
  const body = (await response.clone().json()) as unknown;
  if (!validate(body)) {
    const errors = validate.errors?.map((error) => `${error.instancePath} ${error.message}`).join("; ");
    throw new Error(`the ${response.status} of ${request.method} ${pathname} does not match /openapi.json: ${errors}`);
  }
}

/** The Worker's real `fetch` handler, every JSON 200 checked against the document. */
export async function fetchWorker(request: Request): Promise<Response> {
  const response = await exports.default.fetch(request.clone());
  await checkConformance(request, response);
  return response;
}
