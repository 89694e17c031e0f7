/**
 * contact-query-sdk: a typed client of the contact query service, for Node
 * 20+, browsers and Workers (it needs `fetch`, streams and `TextDecoder`,
 * nothing else).
 *
 * @example
 * import { ContactQueryClient, f } from "contact-query-sdk";
 *
 * const client = new ContactQueryClient({ baseUrl, apiKey, organizationId });
 * const page = await client.query({ q: f.has("tags", "vip"), s: "-creation_time" });
 */
export type {
  ContactOf,
  ContactPage,
  DateStats,
  ErrorPosition,
  FacetsAnswer,
  FacetsAnswerFor,
  FacetValue,
  FieldCatalog,
  FieldDescription,
  HistogramBucket,
  NumberStats,
  ProblemDetails,
  ProjectedContact,
  Projection,
  PurgeResult,
} from "./answers.js";
export { ContactQueryClient, type ContactQueryClientOptions } from "./client.js";
export { ContactQueryError, type ContactQueryErrorFields } from "./errors.js";
export { f, toJson, toLisp } from "./filter.js";
export type {
  CanonicalName,
  ContactFields,
  FacetableField,
  FieldDescriptor,
  FieldKind,
  FieldName,
  Filter,
  FilterBuilder,
  OperatorName,
  ProjectableField,
  Scope,
  SortableField,
} from "./filter-types.js";
export type { Contact, ContactInfo, JsonValue, Stored } from "./generated/contact.js";
export { COLUMN_KEYS, FIELDS } from "./generated/fields.js";
export { OPERATORS } from "./generated/operators.js";
export type {
  CallOptions,
  DateInterval,
  ExportProgress,
  ExportRequest,
  FacetSelection,
  FacetsRequest,
  HistogramSelection,
  HistogramSpec,
  PagesRequest,
  QueryRequest,
  Selection,
  SortKey,
  StatsField,
  StatsSelection,
} from "./requests.js";
export type { FetchFunction } from "./transport.js";
