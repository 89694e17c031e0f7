/**
 * @module `POST /org/{orgId}/contact/cache/purge`: every cached answer of the
 * organization made unreachable at once (src/service/purge.ts).
 */
import { endpoint } from "../../http/endpoint.ts";
import { requestDeps } from "../../http/request-deps.ts";
import { ref } from "../../openapi/contact-schemas.ts";
import { errorContent } from "../../openapi/error-responses.ts";
import { purgeContactCache } from "../../service/purge.ts";

const PurgeResult = {
  type: "object",
  properties: {
    purged: { type: "boolean", enum: [true] },
    organization_id: { type: "string" },
    generation: { type: "string", description: "the organization's new cache generation" },
  },
  required: ["purged", "organization_id", "generation"],
  additionalProperties: false,
};

export const purgeEndpoint = endpoint({
  path: "/org/{orgId}/contact/cache/purge",
  methods: ["POST"],
  operationId: "purgeContactCache",
  summary: "Purge the organization's cached pages",
  description:
    "Makes every cached page of the organization stale at once, by starting a new cache generation. The data " +
    "center that receives the purge sees it at once, others typically within a minute.",
  authenticated: true,
  parameters: {},
  responses: {
    200: { description: "The new generation.", content: { "application/json": ref("PurgeResult") } },
    501: {
      description: "This deployment has no cache generations binding (CACHE_GENERATIONS).",
      content: errorContent(501),
    },
  },
  schemas: { PurgeResult },
  async handle(c) {
    const organizationId = c.get("organizationId");
    const generation = await purgeContactCache(organizationId, requestDeps(c));
    return c.json({ purged: true as const, organization_id: organizationId, generation }, 200);
  },
});
