import type { FacetCount, FieldInfo } from "../api/types.ts";
import { isFacetable } from "../field-kinds.ts";
import { facetLabel, formatNumber } from "../format.ts";

/**
 * Counts by value for the chosen fields (the facets endpoint), as bars;
 * clicking a value adds it to the filter. Counts are labelled when the
 * server estimated them.
 */
const MAX_FACETS = 5;

interface Props {
  catalog: readonly FieldInfo[];
  chosen: readonly string[];
  counts: Record<string, FacetCount[]> | undefined;
  total: number | null;
  estimated: boolean;
  onAdd: (field: string) => void;
  onRemove: (field: string) => void;
  onPick: (field: string, value: FacetCount["value"]) => void;
}

export function FacetSidebar({ catalog, chosen, counts, total, estimated, onAdd, onRemove, onPick }: Props) {
  const addable = catalog.filter((field) => isFacetable(field) && !chosen.includes(field.name));
  return (
    <section class="panel" aria-labelledby="facets-title">
      <h2 id="facets-title">Facets {estimated ? <span class="badge">estimated</span> : null}</h2>
      {chosen.map((field) => {
        const values = counts?.[field] ?? [];
        const largest = Math.max(1, ...values.map((value) => value.count));
        return (
          <section class="facet" key={field} aria-label={`Facet ${field}`}>
            <h3>
              <span>{field}</span>
              <button type="button" class="link" aria-label={`Remove facet ${field}`} onClick={() => onRemove(field)}>
                ×
              </button>
            </h3>
            {counts && values.length === 0 ? <p class="muted">no values</p> : null}
            <ul class="bars">
              {values.map((entry) => (
                <li key={String(entry.value)}>
                  <button
                    type="button"
                    class="bar-row"
                    title={`Add ${field} = ${facetLabel(entry.value)} to the filter`}
                    onClick={() => onPick(field, entry.value)}
                  >
                    <span class="bar-label">{facetLabel(entry.value)}</span>
                    <span class="bar-count">{formatNumber(entry.count)}</span>
                    <span class="bar" aria-hidden="true">
                      <span class="bar-fill" style={{ width: `${(100 * entry.count) / largest}%` }} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {chosen.length < MAX_FACETS && addable.length > 0 ? (
        <label class="add-facet">
          Add a facet
          <select
            value=""
            onChange={(event) => {
              const field = event.currentTarget.value;
              if (field) onAdd(field);
            }}
          >
            <option value="">choose a field…</option>
            {addable.map((field) => (
              <option key={field.name} value={field.name}>
                {field.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {total !== null ? <p class="muted small">Counted over {formatNumber(total)} matching contacts</p> : null}
    </section>
  );
}
