/** @module Every endpoint of the API, one folder each: adding an endpoint is a folder and a line here. */
import type { Endpoint } from "../http/endpoint.ts";
import { exportEndpoint } from "./export/export.endpoint.ts";
import { facetsEndpoint } from "./facets/facets.endpoint.ts";
import { fieldsEndpoint } from "./fields/fields.endpoint.ts";
import { purgeEndpoint } from "./purge/purge.endpoint.ts";
import { queryEndpoint } from "./query/query.endpoint.ts";

export const ENDPOINTS: readonly Endpoint[] = [
  queryEndpoint,
  fieldsEndpoint,
  purgeEndpoint,
  exportEndpoint,
  facetsEndpoint,
];
