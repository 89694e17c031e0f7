import { useState } from "preact/hooks";
import type { FieldInfo } from "../api/types.ts";

/**
 * Which fields the table shows — and so the `fields=` the query sends: the
 * API returns only `id` and the chosen fields (at most 50).
 */
const MAX_FIELDS = 50;

interface Props {
  fields: readonly FieldInfo[];
  chosen: readonly string[];
  onChange: (fields: string[]) => void;
}

export function ColumnPicker({ fields, chosen, onChange }: Props) {
  const [filter, setFilter] = useState("");
  const selected = new Set(chosen);
  const shown = fields.filter((field) => field.name.toLowerCase().includes(filter.trim().toLowerCase()));
  const toggle = (name: string, on: boolean) => {
    // Chosen columns keep their order; a new one goes last.
    onChange(on ? [...chosen, name] : chosen.filter((column) => column !== name));
  };
  return (
    <details class="picker">
      <summary>Columns ({chosen.length})</summary>
      <div class="picker-body">
        <label class="picker-filter">
          Find a field
          <input type="search" value={filter} onInput={(event) => setFilter(event.currentTarget.value)} />
        </label>
        <fieldset>
          <legend class="visually-hidden">Columns shown</legend>
          <ul class="picker-list">
            {shown.map((field) => (
              <li key={field.name}>
                <label title={field.description}>
                  <input
                    type="checkbox"
                    checked={selected.has(field.name)}
                    disabled={!selected.has(field.name) && chosen.length >= MAX_FIELDS}
                    onChange={(event) => toggle(field.name, event.currentTarget.checked)}
                  />
                  {field.name} <span class="muted">{field.type}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </div>
    </details>
  );
}
