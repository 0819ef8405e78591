import { useCallback, useEffect, useState } from 'react';
import { LayoutClient } from '../../../workers/clients.ts';
import type { NodeKind } from '../../../core/format/index.ts';
import { displayName } from '../../../core/format/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { KindBadge } from '../../../components/kind-badge.tsx';
import { useSubgraph } from '../api/get-subgraph.ts';
import type { Direction, Highlight } from '../../../lib/view-state.ts';
import { GraphCanvas } from './graph-canvas.tsx';
import { GraphToolbar } from './graph-toolbar.tsx';

export interface ExplorerState {
  focus: string;
  selected: string | null;
  depth: number;
  direction: Direction;
  kinds: NodeKind[] | null;
  expanded: string[];
  pathTo: string | null;
  highlight: Highlight;
}

interface Props extends ExplorerState {
  onChange(patch: { depth?: number; dir?: Direction; kinds?: NodeKind[] | null; highlight?: Highlight }): void;
  onSelect(id: string): void;
  onExpand(id: string): void;
}

export function ExplorerView(props: Props) {
  const { t, lang } = useI18n();
  const { focus, selected, depth, direction, kinds, expanded, pathTo, highlight } = props;
  const subgraph = useSubgraph({ focus, depth, direction, kinds, expanded, pathTo });
  const [layoutClient] = useState(() => new LayoutClient());
  useEffect(() => {
    layoutClient.prewarm();
    return () => layoutClient.dispose();
  }, [layoutClient]);
  const [canvasApi, setCanvasApi] = useState<{ exportPng(): void; fit(): void } | null>(null);
  const onReady = useCallback((api: { exportPng(): void; fit(): void } | null) => setCanvasApi(api), []);
  const view = subgraph.data;
  const focusNode = view?.nodes.find((n) => n.id === focus);
  const nameOf = (id: string) => {
    const n = view?.nodes.find((x) => x.id === id);
    return n ? displayName(n, lang) : id;
  };

  return (
    <div className="explorer">
      <GraphToolbar
        depth={depth}
        direction={direction}
        kinds={kinds}
        highlight={highlight}
        onChange={props.onChange}
        onFit={() => canvasApi?.fit()}
        onExportPng={() => canvasApi?.exportPng()}
      />
      <p className="hint">{t('graphHelp')}</p>
      {view?.truncated ? (
        <p className="notice" role="status">
          {t('graphTruncated', { count: view.nodes.length })}
        </p>
      ) : null}
      {view?.missing.length ? (
        <p className="notice warn" role="alert">
          {view.missing.map((id) => t('unknownNode', { id })).join(' ')}
        </p>
      ) : null}
      {view?.path && pathTo ? (
        <p className="notice" role="status">
          {view.path.nodes.length
            ? t('pathBetween', { from: nameOf(focus), to: nameOf(pathTo) })
            : t('pathNone', { from: nameOf(focus), to: pathTo })}
        </p>
      ) : null}
      <section className="graph-region" aria-label={t('graphRegion', { name: focusNode ? displayName(focusNode, lang) : focus })}>
        {view ? (
          <GraphCanvas
            view={view}
            layoutClient={layoutClient}
            focus={focus}
            selected={selected}
            highlight={highlight}
            onSelect={props.onSelect}
            onExpand={props.onExpand}
            onReady={onReady}
          />
        ) : (
          <p className="empty">{subgraph.isError ? String(subgraph.error) : t('loading')}</p>
        )}
      </section>
      {view ? (
        <details className="drawn-list">
          <summary>{t('laidOut', { nodes: view.nodes.length, edges: view.edges.length })}</summary>
          <ul>
            {view.nodes.map((n) => (
              <li key={n.id}>
                <KindBadge kind={n.kind} />{' '}
                <button type="button" className="link" onClick={() => props.onSelect(n.id)}>
                  {displayName(n, lang)}
                </button>{' '}
                <button type="button" className="small" onClick={() => props.onExpand(n.id)} aria-label={`${t('expand')}: ${displayName(n, lang)}`}>
                  +
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
