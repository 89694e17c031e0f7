/** @module The query endpoint's answer, as the OpenAPI document describes it. */
import type { JsonSchema } from "../../http/parameters.ts";
import { ContactOrProjection } from "../../openapi/contact-schemas.ts";
import { EXACT_COUNT_BOUND } from "../../query/count.ts";

export const ContactPage: JsonSchema = {
  type: "object",
  properties: {
    data: {
      type: "array",
      items: ContactOrProjection,
      description: "the page's contacts: whole, or with `fields` their projections",
    },
    page_number: { type: "integer", minimum: 1 },
    page_size: { type: "integer", minimum: 1 },
    total_count: {
      type: ["integer", "null"],
      minimum: 0,
      description:
        "every contact of the organization that matches the filter: exact, or with `count=estimated` an estimate " +
        `above ${EXACT_COUNT_BOUND.toLocaleString("en-US")} matches; \`null\` with \`count=none\``,
    },
    total_count_exact: { type: "boolean", description: "`true` when `total_count` is the exact count" },
    next_page_token: {
      type: ["string", "null"],
      description:
        "pass it as `page_token` (same `q` and `s`) for the page that follows; `null` when this page is the last",
    },
  },
  required: ["data", "page_number", "page_size", "total_count", "total_count_exact", "next_page_token"],
  additionalProperties: false,
  examples: [
    {
      data: [
        {
          companyContactId: "crm-001",
          creationTime: "2024-07-29T15:51:28.071Z",
          emailAddress: "ada@acme.com",
          id: "c_ada",
          info: { partner: "AWS", cosellPartnerMetrics: { accountCount: 3 } },
          lastUpdateTime: "2024-08-01T09:00:00.000Z",
          name: "Ada Lovelace",
          organizationID: "org_acme",
          tags: ["vip", "partner"],
        },
      ],
      page_number: 1,
      page_size: 20,
      total_count: 1,
      total_count_exact: true,
      next_page_token: null,
    },
  ],
};
