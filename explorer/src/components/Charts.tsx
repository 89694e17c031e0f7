import type { FieldInfo, FieldStats, HistogramBucket } from "../api/types.ts";
import { DATE_INTERVALS, isDate, isMeasurable } from "../field-kinds.ts";
import { formatNumber } from "../format.ts";

/**
 * The histogram (contacts per interval of a date field) and the statistics of
 * a number or date field, both from the facets endpoint. When the server does
 * not take `histogram` / `stats`, each says so instead.
 */
interface HistogramProps {
  available: boolean;
  catalog: readonly FieldInfo[];
  /** `<field>:<interval>` */
  spec: string;
  buckets: HistogramBucket[] | undefined;
  estimated: boolean;
  onChange: (spec: string) => void;
}

export function Histogram({ available, catalog, spec, buckets, estimated, onChange }: HistogramProps) {
  const [field = "creation_time", interval = "month"] = spec.split(":");
  const dated = buckets?.filter((bucket) => bucket.key !== null) ?? [];
  const missing = buckets?.find((bucket) => bucket.key === null)?.count ?? 0;
  const largest = Math.max(1, ...dated.map((bucket) => bucket.count));
  const title = `Contacts by ${interval} of ${field}`;
  return (
    <section class="panel" aria-labelledby="histogram-title">
      <h2 id="histogram-title">Histogram {estimated ? <span class="badge">estimated</span> : null}</h2>
      {!available ? (
        <p class="muted">This server's facets endpoint takes no histogram parameter.</p>
      ) : (
        <>
          <div class="row">
            <label>
              Histogram field
              <select value={field} onChange={(event) => onChange(`${event.currentTarget.value}:${interval}`)}>
                {catalog.filter(isDate).map((option) => (
                  <option key={option.name} value={option.name}>
                    {option.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Interval
              <select value={interval} onChange={(event) => onChange(`${field}:${event.currentTarget.value}`)}>
                {DATE_INTERVALS.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {buckets ? (
            <div
              class="histogram"
              role="img"
              aria-label={`${title}: ${dated.length} ${interval}s${dated.length ? `, from ${bucketLabel(dated[0]?.key ?? null, interval)} to ${bucketLabel(dated.at(-1)?.key ?? null, interval)}` : ""}`}
            >
              {dated.map((bucket) => (
                <span
                  key={String(bucket.key)}
                  class="column"
                  title={`${bucketLabel(bucket.key, interval)}: ${formatNumber(bucket.count)}`}
                  style={{ height: `${(100 * bucket.count) / largest}%` }}
                />
              ))}
            </div>
          ) : null}
          {dated.length > 0 ? (
            <p class="axis muted small">
              <span>{bucketLabel(dated[0]?.key ?? null, interval)}</span>
              <span>{bucketLabel(dated.at(-1)?.key ?? null, interval)}</span>
            </p>
          ) : null}
          {missing > 0 ? <p class="muted small">{formatNumber(missing)} without a value</p> : null}
        </>
      )}
    </section>
  );
}

function bucketLabel(key: HistogramBucket["key"], interval: string): string {
  if (key === null) return "no value";
  if (typeof key === "number") return formatNumber(key);
  return interval === "year"
    ? key.slice(0, 4)
    : interval === "month" || interval === "quarter"
      ? key.slice(0, 7)
      : key.slice(0, 10);
}

interface StatsProps {
  available: boolean;
  catalog: readonly FieldInfo[];
  field: string;
  stats: FieldStats | undefined;
  onChange: (field: string) => void;
}

export function Statistics({ available, catalog, field, stats, onChange }: StatsProps) {
  const show = (value: number | string | null | undefined) =>
    value === null || value === undefined ? "—" : typeof value === "number" ? formatNumber(value) : value;
  return (
    <section class="panel" aria-labelledby="stats-title">
      <h2 id="stats-title">Statistics</h2>
      {!available ? (
        <p class="muted">This server's facets endpoint takes no stats parameter.</p>
      ) : (
        <>
          <label>
            Statistics field
            <select value={field} onChange={(event) => onChange(event.currentTarget.value)}>
              {catalog.filter(isMeasurable).map((option) => (
                <option key={option.name} value={option.name}>
                  {option.name}
                </option>
              ))}
            </select>
          </label>
          {stats ? (
            <dl class="stats">
              <dt>count</dt>
              <dd>{show(stats.count)}</dd>
              <dt>min</dt>
              <dd>{show(stats.min)}</dd>
              <dt>max</dt>
              <dd>{show(stats.max)}</dd>
              <dt>average</dt>
              <dd>{show(stats.avg)}</dd>
              <dt>sum</dt>
              <dd>{show(stats.sum)}</dd>
            </dl>
          ) : null}
        </>
      )}
    </section>
  );
}
