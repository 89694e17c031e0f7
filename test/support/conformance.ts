import { exports } from "cloudflare:workers";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";

/**
 * Every 200 the tests receive with a JSON body is checked against its
 * operation's schema in the Worker's own /openapi.json (Ajv, JSON Schema
 * 2020-12, formats on): pages, projected pages, facets, fields, purges —
 * whatever a test asked, the document must describe what came back. A body
 * it does not describe fails the test that received it.
 */
type Json = Record<string, unknown>;

interface Operation {
  readonly pattern: RegExp;
  readonly method: string;
  readonly validate: ValidateFunction;
}

let operations: Promise<Operation[]> | undefined;

async function load(): Promise<Operation[]> {
  const response = await exports.default.fetch(new Request("https://api.test/openapi.json"));
  const document = (await response.json()) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("media-range", true);
  ajv.addSchema(document, "openapi.json");
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
    const pattern = new RegExp(`^${path.replaceAll(/\{\w+\}/g, "[^/]+")}$`);
    for (const method of Object.keys(item)) {
      const pointer = ["paths", path, method, "responses", "200", "content", "application/json", "schema"]
        .map((segment) => segment.replaceAll("~", "~0").replaceAll("/", "~1"))
        .join("/");
      const content = (item[method]?.responses as Record<string, { content?: Json }> | undefined)?.["200"]?.content;
      if (content?.["application/json"]) {
        out.push({
          pattern,
          method: method.toUpperCase(),
          validate: ajv.compile({ $ref: `openapi.json#/${pointer}` }),
        });
      }
    }
  }
  return out;
}

/** Reads the document and compiles its schemas, once per test file (test/support/setup.ts). */
export async function loadConformance(): Promise<void> {
  operations ??= load();
  await operations;
}

/** Throws when `response` is a JSON 200 its operation's schema does not describe. */
export async function checkConformance(request: Request, response: Response): Promise<void> {
  if (response.status !== 200 || !(response.headers.get("Content-Type") ?? "").startsWith("application/json")) return;
  const { pathname } = new URL(request.url);
  operations ??= load();
  const operation = (await operations).find(
    ({ pattern, method }) => method === request.method && pattern.test(pathname),
  );
  if (!operation) return; // /openapi.json itself, and paths the document does not list
  const body = (await response.clone().json()) as unknown;
  if (!operation.validate(body)) {
    const errors = operation.validate.errors?.map((error) => `${error.instancePath} ${error.message}`).join("; ");
    throw new Error(`the 200 of ${request.method} ${pathname} does not match /openapi.json: ${errors}`);
  }
}

/** The Worker's real `fetch` handler, every JSON 200 checked against the document. */
export async function fetchWorker(request: Request): Promise<Response> {
  const response = await exports.default.fetch(request.clone());
  await checkConformance(request, response);
  return response;
}
