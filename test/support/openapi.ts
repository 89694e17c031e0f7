import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { request } from "./http.ts";

/**
 * Real responses checked against the Worker's own /openapi.json with a
 * standard JSON Schema 2020-12 validator (OpenAPI 3.1 schemas are JSON
 * Schema): the documented status, headers, media type and body schema.
 */
export type Json = Record<string, unknown>;

/** A JSON pointer of the segments (each escaped). */
export const pointer = (...segments: string[]) =>
  segments.map((segment) => segment.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

export function openApiChecks() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("media-range", true); // used by the OpenAPI 3.1 meta-schema
  let document: Json | undefined;

  /** The documented response of one operation. */
  function responseDoc(path: string, method: string, status: number): Json {
    if (!document) throw new Error("load the document first");
    const paths = document.paths as Record<string, Record<string, { responses: Record<string, Json> }>>;
    const doc = paths[path]?.[method]?.responses[String(status)];
    if (!doc) throw new Error(`${method.toUpperCase()} ${path} documents no ${status}`);
    return doc;
  }

  return {
    ajv,
    responseDoc,

    /** Fetches /openapi.json and registers it with the validator as `openapi.json`. */
    async load(): Promise<Json> {
      const response = await request("/openapi.json");
      expect(response.status).toBe(200);
      document = (await response.json()) as Json;
      ajv.addSchema(document, "openapi.json");
      return document;
    },

    /** Checks a real response's status, headers, media type and body against the document; returns the body's text. */
    async conformingText(response: Response, path: string, method: string): Promise<string> {
      const doc = responseDoc(path, method, response.status);
      const headers = (doc.headers ?? {}) as Record<string, { required?: boolean; schema: Json }>;
      for (const [name, header] of Object.entries(headers)) {
        const value = response.headers.get(name);
        if (value === null) {
          expect(header.required, `header ${name} of ${response.status}`).not.toBe(true);
          continue;
        }
        const validate = ajv.compile(header.schema);
        expect(validate(value), `header ${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
      const text = await response.text();
      const content = doc.content as Record<string, unknown> | undefined;
      if (!content) {
        expect(text).toBe("");
        return text;
      }
      const mediaType = (response.headers.get("Content-Type") ?? "").split(";")[0] as string;
      expect(Object.keys(content), `documented media types of ${response.status}`).toContain(mediaType);
      const status = String(response.status);
      const validate = ajv.compile({
        $ref: `openapi.json#/${pointer("paths", path, method, "responses", status, "content", mediaType, "schema")}`,
      });
      const body = /^application\/([\w.-]+\+)?json$/.test(mediaType) ? JSON.parse(text) : text;
      expect(validate(body), ajv.errorsText(validate.errors)).toBe(true);
      return text;
    },
  };
}
