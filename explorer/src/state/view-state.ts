/**
 * What a view of the explorer is — the shareable part: organization, filter
 * (and its syntax), search, sort, columns, facets, the statistics field and
 * the histogram. It lives in the URL's fragment (never the API key), which a
 * browser does not send to any server: a filter may hold personal data.
 */
export type Syntax = "lisp" | "json";

export interface ViewState {
  org: string;
  q: string;
  qs: Syntax;
  search: string;
  s: string;
  /** The table's columns, sent as `fields=`. */
  fields: readonly string[];
  facets: readonly string[];
  /** A number or date field whose statistics are shown, or "". */
  stats: string;
  /** `<field>:<interval>`, or "". */
  histogram: string;
}

export const DEFAULT_VIEW: ViewState = {
  org: "",
  q: "",
  qs: "lisp",
  search: "",
  s: "",
  fields: ["name", "email_address", "info.companyName", "info.partner", "tags", "creation_time"],
  facets: ["info.partner", "tags", "info.enrichedContactInfo.status"],
  stats: "info.cosellPartnerMetrics.successRate",
  histogram: "creation_time:month",
};

const LISTS = ["fields", "facets"] as const;
const TEXTS = ["org", "q", "search", "s", "stats", "histogram"] as const;

/** The fragment for a view: only what differs from the defaults, so that a plain /explore is the default view. */
export function viewToHash(view: ViewState): string {
  const params = new URLSearchParams();
  for (const key of TEXTS) if (view[key] !== DEFAULT_VIEW[key]) params.set(key, view[key]);
  if (view.qs !== DEFAULT_VIEW.qs) params.set("qs", view.qs);
  for (const key of LISTS) {
    if (view[key].join(",") !== DEFAULT_VIEW[key].join(",")) params.set(key, view[key].join(","));
  }
  const text = params.toString();
  return text ? `#${text}` : "";
}

/** The view a fragment describes; a key it does not hold keeps its default. */
export function viewFromHash(hash: string): ViewState {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const view: { -readonly [K in keyof ViewState]: ViewState[K] } = { ...DEFAULT_VIEW };
  for (const key of TEXTS) view[key] = params.get(key) ?? DEFAULT_VIEW[key];
  view.qs = params.get("qs") === "json" ? "json" : "lisp";
  for (const key of LISTS) {
    const value = params.get(key);
    if (value !== null) view[key] = value.split(",").filter(Boolean);
  }
  return view;
}
