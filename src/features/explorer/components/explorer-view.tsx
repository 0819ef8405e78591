import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { LayoutClient } from '../../../workers/clients.ts';
import type { NodeKind } from '../../../core/format/index.ts';
import { displayName } from '../../../core/format/index.ts';
import { planFit, rankSpan } from '../../../core/layout/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { KindBadge } from '../../../components/kind-badge.tsx';
import { MAX_DRAWN_NODES, useSubgraph } from '../api/get-subgraph.ts';
import type { Direction, Highlight } from '../../../lib/view-state.ts';
import { GraphCanvas, type CanvasApi } from './graph-canvas.tsx';
import { GraphToolbar } from './graph-toolbar.tsx';
import { MoreList } from './more-list.tsx';

export interface ExplorerState {
  focus: string;
  selected: string | null;
  depth: number;
  direction: Direction;
  kinds: NodeKind[] | null;
  expanded: string[];
  more: string[];
  pathTo: string | null;
  highlight: Highlight;
}

interface Props extends ExplorerState {
  onChange(patch: { depth?: number; dir?: Direction; kinds?: NodeKind[] | null; highlight?: Highlight }): void;
  onSelect(id: string): void;
  onExpand(id: string): void;
  onOpenMore(key: string): void;
}

export function ExplorerView(props: Props) {
  const { t, lang } = useI18n();
  const { focus, selected, depth, direction, kinds, expanded, more, pathTo, highlight } = props;
  const frame = useFrameSize();
  // How many nodes a rank can hold in this frame with labels still legible once fitted:
  // the subgraph is capped to that, so that fitting never makes labels unreadable.
  const plan = useMemo(() => (frame.size ? planFit(frame.size, rankSpan(depth, direction)) : null), [frame.size, depth, direction]);
  const subgraph = useSubgraph(plan ? { focus, depth, direction, kinds, expanded, more, pathTo, perRank: plan.perRank } : null);
  const [layoutClient] = useState(() => new LayoutClient());
  useEffect(() => {
    layoutClient.prewarm();
    return () => layoutClient.dispose();
  }, [layoutClient]);
  const [canvasApi, setCanvasApi] = useState<CanvasApi | null>(null);
  const onReady = useCallback((api: CanvasApi | null) => setCanvasApi(api), []);
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
      {view?.notDrawn ? (
        <p className="notice warn" role="status" data-testid="graph-limit">
          {t(view.notDrawn.atLeast ? 'graphLimitAtLeast' : 'graphLimit', { limit: MAX_DRAWN_NODES, count: view.notDrawn.count.toLocaleString(lang) })}
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
      <section ref={frame.ref} className="graph-region" aria-label={t('graphRegion', { name: focusNode ? displayName(focusNode, lang) : focus })}>
        {view && plan ? (
          <GraphCanvas
            view={view}
            orientation={plan.orientation}
            layoutClient={layoutClient}
            focus={focus}
            selected={selected}
            highlight={highlight}
            onSelect={props.onSelect}
            onExpand={props.onExpand}
            onOpenMore={props.onOpenMore}
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
          <MoreList groups={view.more} nameOf={nameOf} onOpen={props.onOpenMore} />
        </details>
      ) : null}
    </div>
  );
}

/** The graph region's size in CSS px, measured before the first paint and on every resize. */
function useFrameSize() {
  const ref = useRef<HTMLElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      const next = { width: Math.round(r.width), height: Math.round(r.height) };
      setSize((prev) => (prev && prev.width === next.width && prev.height === next.height ? prev : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, size };
}
