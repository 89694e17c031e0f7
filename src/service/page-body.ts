/** @module A page's response body. */
import type { Count } from "../query/count.ts";

/**
 * The response body, spliced around the JSON array Postgres rendered: no
 * parsing and no re-serializing of the contacts.
 */
export function pageBody(
  data: string,
  query: { readonly pageNumber: number; readonly pageSize: number },
  count: Count,
  nextPageToken: string | null,
): string {
  return (
    `{"data":${data},"page_number":${query.pageNumber},"page_size":${query.pageSize},` +
    `"total_count":${count.total},"total_count_exact":${count.exact},"next_page_token":${JSON.stringify(nextPageToken)}}`
  );
}
