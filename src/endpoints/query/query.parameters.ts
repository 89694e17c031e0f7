/** @module The query endpoint's parameters, in the query string of a GET or the JSON body of a POST. */
import { count, fields, pageNumber, pageSize, pageToken, q, qs, s, search, ss } from "../../http/parameters.ts";

export const QUERY_PARAMETERS = {
  page_size: pageSize,
  page_number: pageNumber,
  q,
  qs,
  s,
  ss,
  page_token: pageToken,
  count,
  fields,
  search,
};
