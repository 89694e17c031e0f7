import { useEffect, useRef } from "preact/hooks";
import type { Contact, FieldInfo } from "../api/types.ts";
import { primarySort } from "../field-kinds.ts";
import { cellOf, fieldValue } from "../format.ts";

/**
 * The contacts as a table: one column per chosen field, headers that sort
 * (ascending, then descending), and the next page loaded by its token when
 * the end of the table scrolls into view (or its button is pressed).
 */
interface Props {
  /** Changes with every new query (not with a further page): the table then scrolls back to its top. */
  queryId: number;
  columns: readonly string[];
  /** Said when there is no row. */
  emptyMessage: string | null;
  fields: ReadonlyMap<string, FieldInfo>;
  rows: readonly Contact[];
  sort: string;
  hasMore: boolean;
  loadingMore: boolean;
  onSort: (field: string) => void;
  onLoadMore: () => void;
}

export function ResultsTable({
  queryId,
  columns,
  emptyMessage,
  fields,
  rows,
  sort,
  hasMore,
  loadingMore,
  onSort,
  onLoadMore,
}: Props) {
  const scroller = useRef<HTMLElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const loadMore = useRef(onLoadMore);
  loadMore.current = onLoadMore;

  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [queryId]);

  useEffect(() => {
    const target = sentinel.current;
    if (!target || !hasMore || loadingMore) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) loadMore.current();
      },
      { root: scroller.current, rootMargin: "200px" },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasMore, loadingMore]);

  const sorted = primarySort(sort);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-scroll" ref={scroller} tabIndex={0} aria-label="Contacts">
      <table class="results">
        <thead>
          <tr>
            {columns.map((column) => {
              const info = fields.get(column);
              const active = sorted && (sorted.field === column || sorted.field === info?.alias);
              const ariaSort = active ? (sorted.descending ? "descending" : "ascending") : undefined;
              return (
                <th key={column} scope="col" aria-sort={ariaSort}>
                  {info?.sortable === false ? (
                    <span title={info.description}>{column}</span>
                  ) : (
                    <button
                      type="button"
                      class="sort"
                      title={`Sort by ${column}${active && !sorted.descending ? ", descending" : ""}`}
                      onClick={() => onSort(column)}
                    >
                      {column}
                      <span aria-hidden="true" class="sort-mark">
                        {active ? (sorted.descending ? "▼" : "▲") : ""}
                      </span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {columns.map((column) => {
                const cell = cellOf(fieldValue(row, column, fields.get(column)));
                return (
                  <td key={column}>
                    {cell.kind === "empty" ? (
                      <span class="muted">—</span>
                    ) : cell.kind === "chips" ? (
                      cell.items.map((item) => (
                        <span class="chip" key={item}>
                          {item}
                        </span>
                      ))
                    ) : (
                      cell.text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div ref={sentinel} class="table-end">
        {hasMore ? (
          <button type="button" onClick={onLoadMore} disabled={loadingMore}>
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        ) : rows.length > 0 ? (
          <span class="muted">End of results</span>
        ) : emptyMessage ? (
          <span class="muted">{emptyMessage}</span>
        ) : null}
      </div>
    </section>
  );
}
