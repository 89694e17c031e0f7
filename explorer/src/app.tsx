import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { BASELINE, type Capabilities, readCapabilities } from "./api/capabilities.ts";
import { type Credentials, getFacets, getFields, getPage } from "./api/client.ts";
import { ApiError } from "./api/problem.ts";
import { endpointPath, exportParams, facetParams, queryParams } from "./api/requests.ts";
import type { Catalog, Contact, FacetCount, FacetsAnswer, FieldInfo } from "./api/types.ts";
import { Histogram, Statistics } from "./components/Charts.tsx";
import { ColumnPicker } from "./components/ColumnPicker.tsx";
import { ExportPanel } from "./components/ExportPanel.tsx";
import { FacetSidebar } from "./components/FacetSidebar.tsx";
import { FilterEditorHost } from "./components/FilterEditorHost.tsx";
import { ResultsTable } from "./components/ResultsTable.tsx";
import { ConversionError, convertFilter } from "./editor/convert-syntax.ts";
import { operatorIndex, type Vocabulary } from "./editor/filter-context.ts";
import { addClause, facetClause } from "./editor/filter-edit.ts";
import type { FilterEditor } from "./editor/filter-editor.ts";
import { isStringArray, primarySort } from "./field-kinds.ts";
import { formatTotal } from "./format.ts";
import { curlCommand, typescriptSnippet } from "./snippets.ts";
import { storedKey, storedOrganization, storeKey, storeOrganization } from "./state/session.ts";
import { type Syntax, type ViewState, viewFromHash, viewToHash } from "./state/view-state.ts";

/**
 * The explorer: credentials, the query form (filter, search, sort), the
 * results table, the facets, histogram and statistics, export and the copy
 * buttons. Running a view writes it to the URL's fragment (a new history
 * entry), so Back returns to the previous view and a copied URL reopens it.
 */
interface Results {
  rows: Contact[];
  total: number | null;
  exact: boolean;
  nextToken: string | null;
  loading: boolean;
  loadingMore: boolean;
  /** Counts the queries answered (pages by token aside). */
  queryId: number;
}

const NO_RESULTS: Results = {
  rows: [],
  total: null,
  exact: true,
  nextToken: null,
  loading: false,
  loadingMore: false,
  queryId: 0,
};
/** The API's default order, shown when the Sort field is empty. */
const DEFAULT_SORT = "-creation_time";

function initialView(): ViewState {
  const view = viewFromHash(location.hash);
  return view.org ? view : { ...view, org: storedOrganization() };
}

export function App() {
  const [key, setKey] = useState(storedKey);
  const [view, setView] = useState(initialView);
  const [applied, setApplied] = useState<ViewState | null>(null);
  const [capabilities, setCapabilities] = useState<Capabilities | null>(null);
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [catalogError, setCatalogError] = useState<string | null>(null);
  const [results, setResults] = useState<Results>(NO_RESULTS);
  const [queryError, setQueryError] = useState<ApiError | null>(null);
  const [facets, setFacets] = useState<FacetsAnswer | null>(null);
  const [facetsError, setFacetsError] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const [snippet, setSnippet] = useState<string | null>(null);
  const editor = useRef<FilterEditor | null>(null);
  const queryAbort = useRef<AbortController | null>(null);
  const facetsAbort = useRef<AbortController | null>(null);
  const loadingMore = useRef(false);

  const latest = useRef({ view, key, results, capabilities, applied });
  latest.current = { view, key, results, capabilities, applied };

  const vocabulary = useMemo<Vocabulary | undefined>(
    () => (catalog ? { fields: catalog.fields, operators: operatorIndex(catalog.operators) } : undefined),
    [catalog],
  );
  const fieldMap = useMemo(() => {
    const map = new Map<string, FieldInfo>();
    for (const field of catalog?.fields ?? []) map.set(field.name, field);
    return map;
  }, [catalog]);

  const credentialsFor = (org: string): Credentials => ({ key: latest.current.key.trim(), org: org.trim() });

  // The server's parameters, read once; until then nothing optional is sent.
  useEffect(() => {
    readCapabilities().then(setCapabilities, () => setCapabilities(BASELINE));
  }, []);

  // The field catalog (completion, pickers) for the organization the key belongs to.
  useEffect(() => {
    const credentials = credentialsFor(view.org);
    if (!credentials.key || !credentials.org) {
      setCatalog(null);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      getFields(credentials, abort.signal).then(
        (answer) => {
          setCatalog(answer);
          setCatalogError(null);
        },
        (error: unknown) => {
          if (abort.signal.aborted) return;
          setCatalog(null);
          setCatalogError(error instanceof ApiError ? error.detail : String(error));
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [key, view.org]);

  // A shared URL (or a reload) shows its view at once, when the tab has a key.
  const ranOnce = useRef(false);
  useEffect(() => {
    if (ranOnce.current || !capabilities) return;
    ranOnce.current = true;
    if (latest.current.key && latest.current.view.org) run(latest.current.view, false);
  }, [capabilities]);

  // Back and Forward move between the views that were run.
  useEffect(() => {
    const onPop = () => {
      const fromHash = viewFromHash(location.hash);
      const next = { ...fromHash, org: fromHash.org || latest.current.view.org };
      editor.current?.setText(next.q);
      run(next, false);
    };
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);

  function run(next: ViewState, pushHistory = true, parts: { query: boolean; facets: boolean } = ALL) {
    setView(next);
    const credentials = credentialsFor(next.org);
    if (!credentials.key || !credentials.org) {
      setQueryError(new ApiError(0, "Enter an API key and an organization first.", null, null, null, null));
      return;
    }
    setApplied(next);
    storeOrganization(credentials.org);
    const hash = viewToHash(next);
    if (pushHistory && hash !== location.hash) history.pushState(null, "", hash || location.pathname);
    if (parts.query) void runQuery(next, credentials);
    if (parts.facets) void runFacets(next, credentials);
  }

  async function runQuery(next: ViewState, credentials: Credentials) {
    queryAbort.current?.abort();
    const abort = new AbortController();
    queryAbort.current = abort;
    loadingMore.current = false;
    setResults((current) => ({ ...current, loading: true }));
    setQueryError(null);
    editor.current?.showError(null);
    try {
      const page = await getPage(credentials, queryParams(next, latest.current.capabilities ?? BASELINE), abort.signal);
      setResults((before) => ({
        rows: page.data,
        total: page.total_count,
        exact: page.total_count_exact ?? true,
        nextToken: page.next_page_token ?? null,
        loading: false,
        loadingMore: false,
        queryId: before.queryId + 1,
      }));
    } catch (error) {
      if (abort.signal.aborted) return;
      setResults((before) => ({ ...NO_RESULTS, queryId: before.queryId }));
      showQueryError(error);
    }
  }

  async function runFacets(next: ViewState, credentials: Credentials) {
    facetsAbort.current?.abort();
    const params = facetParams(next, latest.current.capabilities ?? BASELINE);
    if (!params) {
      setFacets(null);
      return;
    }
    const abort = new AbortController();
    facetsAbort.current = abort;
    try {
      setFacets(await getFacets(credentials, params, abort.signal));
      setFacetsError(null);
    } catch (error) {
      if (abort.signal.aborted) return;
      setFacets(null);
      // A mistake in the filter is shown once, at the filter.
      const filterMistake = error instanceof ApiError && ["q", "qs", "search"].includes(error.param ?? "");
      setFacetsError(filterMistake ? null : describe(error));
    }
  }

  async function loadMore() {
    const { results: current, applied: shown } = latest.current;
    if (!current.nextToken || !shown || loadingMore.current) return;
    loadingMore.current = true;
    setResults({ ...current, loadingMore: true });
    const signal = queryAbort.current?.signal;
    try {
      const params = queryParams(shown, latest.current.capabilities ?? BASELINE, current.nextToken);
      const page = await getPage(credentialsFor(shown.org), params, signal);
      setResults((before) => ({
        ...before,
        rows: [...before.rows, ...page.data],
        nextToken: page.next_page_token ?? null,
        loadingMore: false,
      }));
    } catch (error) {
      if (signal?.aborted) return;
      setResults((before) => ({ ...before, loadingMore: false }));
      showQueryError(error);
    } finally {
      loadingMore.current = false;
    }
  }

  function showQueryError(error: unknown) {
    const problem =
      error instanceof ApiError ? error : new ApiError(0, describe(error), null, null, null, "network_error");
    setQueryError(problem);
    if (problem.param === "q") {
      editor.current?.showError({ message: withHint(problem), position: problem.position });
    }
  }

  const current = () => ({ ...latest.current.view, q: editor.current?.text() ?? latest.current.view.q });
  const runCurrent = () => run(current());

  function changeSyntax(syntax: Syntax) {
    const draft = current();
    if (syntax === draft.qs) return;
    let q = draft.q;
    try {
      q = convertFilter(draft.q, draft.qs, syntax, vocabulary?.operators ?? new Map());
      setNotice("");
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      setNotice(
        `The filter could not be rewritten in ${syntax.toUpperCase()} syntax (${error.message}); it is left as it was.`,
      );
    }
    editor.current?.setText(q);
    editor.current?.showError(null);
    setView({ ...draft, q, qs: syntax });
  }

  function pickFacet(field: string, value: FacetCount["value"]) {
    const draft = current();
    const clause = facetClause(field, isStringArray(fieldMap.get(field)), value, draft.qs);
    const q = addClause(draft.q, clause, draft.qs);
    editor.current?.setText(q);
    run({ ...draft, q });
  }

  function sortBy(field: string) {
    const draft = current();
    const sorted = primarySort(draft.s || DEFAULT_SORT);
    const s = sorted?.field === field && !sorted.descending ? `-${field}` : field;
    run({ ...draft, s });
  }

  async function copy(kind: "curl" | "typescript") {
    const shown = applied ?? current();
    const params = queryParams(shown, capabilities ?? BASELINE);
    const text =
      kind === "curl"
        ? curlCommand(location.origin, endpointPath(shown.org, "query"), params)
        : typescriptSnippet(location.origin, shown.org, params);
    setSnippet(text);
    try {
      await navigator.clipboard.writeText(text);
      setNotice(kind === "curl" ? "curl command copied to the clipboard" : "TypeScript copied to the clipboard");
    } catch {
      setNotice("The clipboard is not available: copy the snippet below.");
    }
  }

  const shown = applied ?? view;
  const filterError = queryError?.param === "q" ? withHint(queryError) : null;
  const otherError = queryError && queryError.param !== "q" ? withHint(queryError) : null;
  const caps = capabilities ?? BASELINE;
  const estimatedFacets = facets?.exact === false;
  const fields = catalog?.fields ?? [];

  return (
    <>
      <header class="topbar">
        <h1>Contacts explorer</h1>
        <div class="credentials">
          <label>
            API key
            <input
              type="password"
              autocomplete="off"
              spellcheck={false}
              value={key}
              onInput={(event) => {
                setKey(event.currentTarget.value);
                storeKey(event.currentTarget.value.trim());
              }}
            />
          </label>
          <label>
            Organization
            <input
              type="text"
              autocomplete="off"
              spellcheck={false}
              value={view.org}
              onInput={(event) => setView({ ...current(), org: event.currentTarget.value.trim() })}
            />
          </label>
        </div>
        <nav aria-label="Elsewhere">
          <a href="/docs">API reference</a>
        </nav>
      </header>
      {catalogError ? (
        <p class="banner error" role="alert">
          Fields could not be loaded: {catalogError}
        </p>
      ) : null}
      <main class="layout">
        <form
          class="query panel"
          aria-label="Query"
          onSubmit={(event) => {
            event.preventDefault();
            runCurrent();
          }}
        >
          <div class="filter-head">
            <span id="filter-label" class="label">
              Filter
            </span>
            <fieldset class="syntax">
              <legend class="visually-hidden">Filter syntax</legend>
              {(["lisp", "json"] as const).map((syntax) => (
                <label key={syntax}>
                  <input
                    type="radio"
                    name="syntax"
                    value={syntax}
                    checked={view.qs === syntax}
                    onChange={() => changeSyntax(syntax)}
                  />
                  {syntax.toUpperCase()}
                </label>
              ))}
            </fieldset>
          </div>
          <FilterEditorHost
            initialText={view.q}
            syntax={view.qs}
            vocabulary={vocabulary}
            labelledBy="filter-label"
            describedBy="filter-error"
            onChange={(q) => setView((before) => ({ ...before, q }))}
            onRun={runCurrent}
            controller={editor}
          />
          <p id="filter-error" class="error" role="alert">
            {filterError}
          </p>
          <div class="row">
            <label class="grow">
              Search
              <input
                type="search"
                value={view.search}
                disabled={!caps.search}
                aria-describedby={caps.search ? undefined : "search-note"}
                placeholder={caps.search ? "words, e.g. ada lov" : ""}
                onInput={(event) => setView({ ...current(), search: event.currentTarget.value })}
              />
            </label>
            <label class="grow">
              Sort
              <input
                type="text"
                value={view.s}
                spellcheck={false}
                placeholder={`${DEFAULT_SORT} (default)`}
                aria-invalid={queryError?.param === "s" ? "true" : undefined}
                onInput={(event) => setView({ ...current(), s: event.currentTarget.value })}
              />
            </label>
            <button type="submit" class="primary">
              Run
            </button>
          </div>
          {caps.search ? null : (
            <p id="search-note" class="muted small">
              Search is not offered by this server (its query endpoint takes no search parameter).
            </p>
          )}
          <div class="row actions">
            <ColumnPicker
              fields={fields}
              chosen={view.fields}
              onChange={(chosen) => run({ ...current(), fields: chosen })}
            />
            <button type="button" onClick={() => copy("curl")}>
              Copy as curl
            </button>
            <button type="button" onClick={() => copy("typescript")}>
              Copy as TypeScript
            </button>
            <ExportPanel
              credentials={credentialsFor(shown.org)}
              params={(format) => exportParams(shown, caps, format)}
              disabled={!key || !shown.org}
            />
          </div>
          <p class="notice" role="status">
            {notice}
          </p>
          {snippet ? (
            <div class="snippet">
              <pre>{snippet}</pre>
              <button type="button" class="link" onClick={() => setSnippet(null)}>
                Hide
              </button>
            </div>
          ) : null}
        </form>
        <section class="results-area" aria-label="Results">
          <p class="total" role="status" aria-busy={results.loading}>
            {results.loading ? "Running…" : applied && !queryError ? formatTotal(results.total, results.exact) : ""}
          </p>
          {otherError ? (
            <p class="error" role="alert">
              {otherError}
            </p>
          ) : null}
          <ResultsTable
            queryId={results.queryId}
            emptyMessage={applied && !queryError && !results.loading ? "No contact matches." : null}
            columns={shown.fields}
            fields={fieldMap}
            rows={results.rows}
            sort={shown.s || DEFAULT_SORT}
            hasMore={results.nextToken !== null}
            loadingMore={results.loadingMore}
            onSort={sortBy}
            onLoadMore={loadMore}
          />
        </section>
        <aside class="sidebar" aria-label="Facets and charts">
          {facetsError ? (
            <p class="error" role="alert">
              {facetsError}
            </p>
          ) : null}
          <Histogram
            available={caps.histogram}
            catalog={fields}
            spec={view.histogram || "creation_time:month"}
            buckets={facets?.histograms?.[view.histogram]}
            estimated={estimatedFacets}
            onChange={(histogram) => run({ ...current(), histogram }, true, FACETS_ONLY)}
          />
          <FacetSidebar
            catalog={fields}
            chosen={view.facets}
            counts={facets?.facets}
            total={facets?.total_count ?? null}
            estimated={estimatedFacets}
            onAdd={(field) => run({ ...current(), facets: [...view.facets, field] }, true, FACETS_ONLY)}
            onRemove={(field) =>
              run({ ...current(), facets: view.facets.filter((facet) => facet !== field) }, true, FACETS_ONLY)
            }
            onPick={pickFacet}
          />
          <Statistics
            available={caps.stats}
            catalog={fields}
            field={view.stats}
            stats={facets?.stats?.[view.stats]}
            onChange={(stats) => run({ ...current(), stats }, true, FACETS_ONLY)}
          />
        </aside>
      </main>
    </>
  );
}

const ALL = { query: true, facets: true };
const FACETS_ONLY = { query: false, facets: true };

function withHint(error: ApiError): string {
  return error.hint && !error.detail.includes(error.hint) ? `${error.detail} — ${error.hint}` : error.detail;
}

function describe(error: unknown): string {
  if (error instanceof ApiError) return withHint(error);
  if (error instanceof TypeError) return "the server could not be reached";
  return error instanceof Error ? error.message : String(error);
}
