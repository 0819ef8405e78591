import { useCallback, useEffect, useState } from 'react';
import { browserLang, I18nProvider, useI18n } from '../lib/i18n.tsx';
import { SnapshotProvider } from '../lib/snapshot-context.tsx';
import { compareModelsState, focusOn, MAX_COMPARED_MODELS, type ViewState } from '../lib/view-state.ts';
import type { SnapshotClient } from '../workers/clients.ts';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { SearchPanel } from '../features/search/components/search-panel.tsx';
import { ExplorerView } from '../features/explorer/components/explorer-view.tsx';
import { DetailsPanel } from '../features/node-details/components/details-panel.tsx';
import { ImpactView } from '../features/impact/components/impact-view.tsx';
import { DiffView } from '../features/diff/components/diff-view.tsx';
import { CompareView } from '../features/compare/components/compare-view.tsx';
import { MapView } from '../features/model-map/components/map-view.tsx';
import { LiteratureView } from '../features/literature/components/literature-view.tsx';
import { SnapshotControls } from '../features/snapshot-loader/components/snapshot-controls.tsx';
import { LoadMessages } from '../features/snapshot-loader/components/load-messages.tsx';
import { useUrlState, type UrlState } from './use-url-state.ts';
import { useSnapshotLoader, type SnapshotLoader } from './use-snapshot-loader.ts';
import { PassphraseForm } from '../components/passphrase-form.tsx';
import { ImportReport } from '../features/snapshot-loader/components/import-report.tsx';
import { useFileDrop } from '../features/snapshot-loader/use-file-drop.ts';

export function App({ client }: { client: SnapshotClient }) {
  const url = useUrlState();
  const lang = url.state.lang ?? browserLang();
  const loader = useSnapshotLoader(client, { snapshot: url.state.snapshot, pack: url.state.pack });

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  return (
    <I18nProvider lang={lang}>
      <SnapshotProvider value={{ client, loaded: loader.loaded }}>
        <Shell url={url} loader={loader} />
      </SnapshotProvider>
    </I18nProvider>
  );
}

function Shell({ url, loader }: { url: UrlState; loader: SnapshotLoader }) {
  const { t, lang } = useI18n();
  const { state, update, href } = url;
  const loaded = loader.loaded;
  const focus = state.node ?? loaded?.startNode ?? null;
  const selected = state.selected ?? focus;
  const [copied, setCopied] = useState(false);

  // Navigating to a node makes it the focus and a new history entry (Back returns).
  const navigate = useCallback(
    (id: string) => update(focusOn(id), { push: true }),
    [update],
  );
  // From another tab: the node's lineage in the graph.
  const openInGraph = useCallback((id: string) => update({ ...focusOn(id), view: 'graph' }, { push: true }), [update]);
  const select = useCallback((id: string) => update({ selected: id }), [update]);
  const expand = useCallback(
    (id: string) => update({ expanded: state.expanded.includes(id) ? state.expanded : [...state.expanded, id], selected: id }),
    [update, state.expanded],
  );
  const openMore = useCallback((key: string) => update({ more: state.more.includes(key) ? state.more : [...state.more, key] }), [update, state.more]);
  const linkTo = useCallback((id: string) => href(focusOn(id)), [href]);
  const onQueryChange = useCallback((q: string) => update({ q }), [update]);
  const onFiles = useCallback(
    async (files: File[]) => {
      if (await loader.loadFiles(files)) update({ snapshot: null, pack: null, node: null, selected: null, expanded: [], more: [], pathTo: null }, { push: true });
    },
    [loader, update],
  );

  const { dragging, dropProps } = useFileDrop(onFiles);

  const tabs: { id: ViewState['view']; label: string }[] = [
    { id: 'graph', label: t('viewGraph') },
    { id: 'impact', label: t('viewImpact') },
    { id: 'map', label: t('viewMap') },
    { id: 'compare', label: t('viewCompare') },
    { id: 'literature', label: t('viewLiterature') },
    { id: 'diff', label: t('viewDiff') },
  ];
  const onLiteratureQuery = useCallback((lq: string) => update({ lq }), [update]);

  return (
    <div className="app" {...dropProps}>
      {dragging ? (
        <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
          {t('dropFiles')}
        </div>
      ) : null}
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <h1>
          <span lang="ja">来歴</span> <span className="app-name">Raireki</span>
          <span className="tagline"> — {t('appTagline')}</span>
        </h1>
        <SnapshotControls loaded={loaded} loading={loader.loading} onFiles={onFiles} />
        <div className="header-actions">
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(window.location.href).then(() => setCopied(true));
              setTimeout(() => setCopied(false), 2000);
            }}
          >
            {copied ? t('linkCopied') : t('copyLink')}
          </button>
          <label htmlFor="lang-select" className="visually-hidden">
            {t('language')}
          </label>
          <select id="lang-select" value={lang} onChange={(e) => update({ lang: e.target.value as 'en' | 'ja' })}>
            <option value="ja" lang="ja">
              日本語
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
        </div>
      </header>
      {loader.passphrase ? (
        <PassphraseForm role={loader.passphrase.role} wrong={loader.passphrase.wrong} onSubmit={(p) => void loader.loadPack(loader.passphrase!.role, p)} />
      ) : null}
      <LoadMessages failure={loader.failure} warnings={loaded?.warnings ?? []} onDismiss={loader.clearFailure} />
      {loaded?.imported ? <ImportReport summary={loaded.imported} /> : null}
      <div className="layout">
        <nav className="sidebar" aria-label={t('searchResults')}>
          <SearchPanel query={state.q} onQueryChange={onQueryChange} onPick={navigate} hrefFor={linkTo} activeId={focus} />
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          <div role="tablist" aria-label={t('views')} className="tabs">
            {tabs.map((tab) => (
              <button
                key={tab.id}
                role="tab"
                type="button"
                id={`tab-${tab.id}`}
                aria-selected={state.view === tab.id}
                aria-controls={`panel-${tab.id}`}
                onClick={() => update({ view: tab.id })}
              >
                {tab.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${state.view}`} aria-labelledby={`tab-${state.view}`} className="tab-panel">
            <ErrorBoundary resetKey={`${focus}|${state.view}|${loaded?.generation}`} fallback={(reset) => <PanelError onRetry={reset} />}>
              {state.view === 'compare' && loaded ? (
                <CompareView
                  ids={state.models}
                  max={MAX_COMPARED_MODELS}
                  onChange={(ids) => update(compareModelsState(ids))}
                  hrefFor={linkTo}
                  onOpen={openInGraph}
                />
              ) : state.view === 'map' && loaded ? (
                <MapView
                  colour={state.mapColour}
                  onColourChange={(mapColour) => update({ mapColour })}
                  onOpen={openInGraph}
                  onCompare={(ids) => update(compareModelsState(ids), { push: true })}
                  compareHref={(ids) => href(compareModelsState(ids))}
                  hrefFor={(id) => href({ ...focusOn(id), view: 'graph' })}
                />
              ) : state.view === 'diff' && loaded ? (
                <DiffView
                  hrefFor={linkTo}
                  onOpen={openInGraph}
                  compareUrl={state.compare}
                  onCompareUrlChange={(compare) => update({ compare })}
                  filter={{ kinds: state.diffKinds, changes: state.diffChanges }}
                  onFilterChange={(f) => update({ diffKinds: f.kinds && [...f.kinds], diffChanges: f.changes && [...f.changes] })}
                />
              ) : state.view === 'literature' ? (
                <LiteratureView query={state.lq} checkNode={state.check} onQueryChange={onLiteratureQuery} hrefFor={linkTo} onOpenNode={openInGraph} />
              ) : !loaded || !focus ? (
                <p className="empty">{loader.loading ? t('loading') : t('graphEmpty')}</p>
              ) : state.view === 'graph' ? (
                <ExplorerView
                  focus={focus}
                  selected={selected}
                  depth={state.depth}
                  direction={state.dir}
                  kinds={state.kinds}
                  expanded={state.expanded}
                  more={state.more}
                  pathTo={state.pathTo}
                  highlight={state.highlight}
                  onChange={(patch) => update(patch)}
                  onSelect={select}
                  onExpand={expand}
                  onOpenMore={openMore}
                />
              ) : (
                <ImpactView start={selected ?? focus} kinds={state.impactKinds} onKindsChange={(ik) => update({ impactKinds: ik })} hrefFor={linkTo} onSelect={select} />
              )}
            </ErrorBoundary>
          </div>
        </main>
        <aside className="details-panel" aria-label={t('details')}>
          <ErrorBoundary resetKey={selected} fallback={(reset) => <PanelError onRetry={reset} />}>
            {loaded ? (
              <DetailsPanel
                id={selected}
                focus={focus}
                pathTo={state.pathTo}
                hrefFor={linkTo}
                onNavigate={navigate}
                onExpand={expand}
                onPath={(to) => update({ pathTo: to })}
                onCheck={(id) => update({ view: 'literature', check: id }, { push: true })}
                onCompare={(id) => update(compareModelsState(state.models.includes(id) ? state.models : [...state.models, id]), { push: true })}
              />
            ) : null}
          </ErrorBoundary>
        </aside>
      </div>
      <footer className="app-footer" lang={lang}>
        {loaded ? t('snapshotLoaded', { title: loaded.snapshot.id, nodes: loaded.nodeCount, edges: loaded.edgeCount }) : ''}
      </footer>
    </div>
  );
}

function PanelError({ onRetry }: { onRetry(): void }) {
  const { t } = useI18n();
  return (
    <div className="banner error" role="alert">
      <strong>{t('errorTitle')}</strong>
      <p>{t('errorBody')}</p>
      <button type="button" onClick={onRetry}>
        {t('tryAgain')}
      </button>
    </div>
  );
}
