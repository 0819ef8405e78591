import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import { displayName } from '../../../core/format/index.ts';
import { FIT_PADDING, LEGIBLE_ZOOM, MAX_FIT_ZOOM, moreBadgeBox, nodeBox, type Orientation, type RankedNode } from '../../../core/layout/index.ts';
import type { MoreGroupView, SubgraphView } from '../../../core/view/index.ts';
import type { LayoutClient } from '../../../workers/clients.ts';
import { useI18n, type Translate } from '../../../lib/i18n.tsx';
import { downloadBlob } from '../../../lib/download.ts';
import { graphStylesheet } from '../graph-style.ts';
import type { Highlight } from '../../../lib/view-state.ts';
import { exposeGraphProbe } from '../graph-probe.ts';
import { nearestInDirection, type Arrow } from '../keyboard-move.ts';

export interface CanvasApi {
  exportPng(): void;
  fit(): void;
}

interface Props {
  view: SubgraphView;
  orientation: Orientation;
  /** Owned by the explorer, which starts its worker before the first subgraph arrives. */
  layoutClient: LayoutClient;
  focus: string;
  selected: string | null;
  highlight: Highlight;
  onSelect(id: string): void;
  onExpand(id: string): void;
  onOpenMore(key: string): void;
  onReady?(api: CanvasApi | null): void;
}

/** Canvas ids of "N more" badges: a prefix no snapshot id starts with in practice, and checked. */
const MORE_ID = '\u0000more\u0000';
const moreId = (key: string) => `${MORE_ID}${key}`;

/** What the tooltip (and the screen-reader line) says about the node under the pointer or the keyboard. */
interface Tip {
  id: string;
  text: string;
  x: number;
  y: number;
}

/**
 * The drawing. Cytoscape only ever gets the few hundred nodes of the current view, with
 * positions computed in the layout worker (preset layout): nothing heavy runs here.
 * Edges are drawn in the direction of flow (dependency → dependent), the reverse of PROV's
 * argument order, because that is how people read lineage: data → run → model → output.
 *
 * Every new drawing is fitted whole into the frame; the subgraph was capped per rank so
 * that this keeps labels legible. Labels are shortened to two lines; the full name shows
 * as text (never HTML) in a tooltip on hover and on keyboard focus.
 */
export function GraphCanvas({ view, orientation, layoutClient, focus, selected, highlight, onSelect, onExpand, onOpenMore, onReady }: Props) {
  const { lang, t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const handlers = useRef({ onSelect, onExpand, onOpenMore });
  handlers.current = { onSelect, onExpand, onOpenMore };
  const [drawn, setDrawn] = useState(0);
  const [legible, setLegible] = useState(true);
  const [hoverTip, setHoverTip] = useState<Tip | null>(null);
  const [keyTip, setKeyTip] = useState<Tip | null>(null);
  const [hasFocus, setHasFocus] = useState(false);
  const keysId = useId();
  /** Whether the view is still as fitted (the user has not panned or zoomed since). */
  const autoFit = useRef(true);
  const programmatic = useRef(false);
  const describe = useRef<(id: string) => string>(() => '');

  const tipFor = useCallback((instance: Core, id: string): Tip | null => {
    const ele = instance.getElementById(id);
    if (ele.empty()) return null;
    const box = ele.renderedBoundingBox({ includeLabels: false });
    return { id, text: describe.current(id), x: (box.x1 + box.x2) / 2, y: box.y2 + 6 };
  }, []);

  const fitAll = useCallback((instance: Core) => {
    programmatic.current = true;
    try {
      instance.resize();
      instance.fit(undefined, FIT_PADDING);
      if (instance.zoom() > MAX_FIT_ZOOM) {
        instance.zoom(MAX_FIT_ZOOM);
        instance.center();
      }
    } finally {
      programmatic.current = false;
    }
    autoFit.current = true;
    setLegible(instance.zoom() >= LEGIBLE_ZOOM - 1e-6);
  }, []);

  useEffect(() => {
    const instance = cytoscape({
      container: container.current,
      style: graphStylesheet(),
      // Low enough to fit an opened group of hundreds in one rank (the view then says labels are too small).
      minZoom: 0.01,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    const isMore = (n: NodeSingular) => n.id().startsWith(MORE_ID);
    instance.on('tap', 'node', (e) => {
      const n = e.target as NodeSingular;
      if (isMore(n)) handlers.current.onOpenMore(n.data('more') as string);
      else handlers.current.onSelect(n.id());
    });
    instance.on('dbltap', 'node', (e) => {
      const n = e.target as NodeSingular;
      if (!isMore(n)) handlers.current.onExpand(n.id());
    });
    instance.on('mouseover', 'node', (e) => setHoverTip(tipFor(instance, (e.target as NodeSingular).id())));
    instance.on('mouseout', 'node', () => setHoverTip(null));
    instance.on('viewport', () => {
      if (!programmatic.current) autoFit.current = false;
      setHoverTip(null);
      setKeyTip((tip) => (tip ? tipFor(instance, tip.id) : tip));
    });
    cy.current = instance;
    // A frame that changes size (a notice above it, the window) is fitted again, unless
    // the user has moved the view since.
    const observer = new ResizeObserver(() => {
      if (autoFit.current && instance.nodes().nonempty()) fitAll(instance);
      else instance.resize();
    });
    observer.observe(container.current!);
    const removeProbe = exposeGraphProbe(instance, MORE_ID);
    onReady?.({
      exportPng: () => downloadBlob(instance.png({ full: true, scale: 2, bg: '#ffffff', output: 'blob' }) as Blob, 'raireki-graph.png'),
      fit: () => fitAll(instance),
    });
    return () => {
      onReady?.(null);
      observer.disconnect();
      removeProbe();
      instance.destroy();
      cy.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- created once
  }, []);

  // New subgraph → lay it out off the main thread → draw → fit.
  useEffect(() => {
    let cancelled = false;
    const boxes = view.nodes.map((n) => {
      const name = n.placeholder ? `🔒 ${t('restricted')}` : displayName(n, lang);
      return { node: n, name, box: nodeBox(name) };
    });
    const drawnIds = new Set(view.nodes.map((n) => n.id));
    // A badge per folded group, on its parent's upstream or downstream edge.
    const badges = view.more
      .filter((g) => drawnIds.has(g.parent) && !drawnIds.has(moreId(g.key)))
      .map((g) => ({ group: g, box: moreBadgeBox(g.hidden) }));
    const names = new Map(boxes.map((b) => [b.node.id, b.name]));
    const groups = new Map(badges.map((b) => [moreId(b.group.key), b.group]));
    describe.current = (id) => {
      const group = groups.get(id);
      if (group) return moreText(t, group, names.get(group.parent) ?? group.parent);
      const node = boxes.find((b) => b.node.id === id);
      return node ? `${node.name} · ${t(`kind_${node.node.kind}`)}` : id;
    };

    const ranked: RankedNode[] = [
      ...boxes.map((b) => ({ id: b.node.id, rank: b.node.rank, parent: b.node.parent, width: b.box.width, height: b.box.height })),
      ...badges.map((b) => ({
        id: moreId(b.group.key),
        rank: b.group.rank,
        parent: b.group.parent,
        width: b.box.width,
        height: b.box.height,
        attach: { to: b.group.parent, side: b.group.direction === 'up' ? ('before' as const) : ('after' as const) },
      })),
    ];
    layoutClient
      .layout(ranked, orientation)
      .then((result) => {
        const instance = cy.current;
        if (cancelled || !instance) return;
        const elements: ElementDefinition[] = [
          ...boxes.map((b) => ({
            group: 'nodes' as const,
            data: {
              id: b.node.id,
              label: b.box.label,
              kind: b.node.kind,
              classification: b.node.classification,
              placeholder: b.node.placeholder ?? false,
              width: b.box.width,
              height: b.box.height,
              textWidth: b.box.width,
            },
            position: result.positions[b.node.id] ?? { x: 0, y: 0 },
          })),
          ...badges.map((b) => ({
            group: 'nodes' as const,
            classes: 'more',
            data: { id: moreId(b.group.key), label: b.box.label, more: b.group.key, width: b.box.width, height: b.box.height, textWidth: b.box.width },
            position: result.positions[moreId(b.group.key)] ?? { x: 0, y: 0 },
          })),
          ...view.edges.map((e) => ({
            group: 'edges' as const,
            data: { id: e.id, source: e.to, target: e.from, type: e.type },
          })),
        ];
        instance.batch(() => {
          instance.elements().remove();
          instance.add(elements);
        });
        fitAll(instance);
        setHoverTip(null);
        setKeyTip((tip) => (tip && instance.getElementById(tip.id).nonempty() ? tipFor(instance, tip.id) : null));
        // User Timing mark: the graph is on screen and clickable (read by the browser benchmark).
        performance.mark('raireki:graph-drawn', { detail: { nodes: boxes.length, edges: view.edges.length } });
        setDrawn((n) => n + 1);
      })
      .catch((err: unknown) => {
        if (!cancelled && !(err instanceof Error && err.message === 'cancelled')) console.error('layout failed', err);
      });
    return () => {
      cancelled = true;
    };
  }, [view, orientation, lang, t, layoutClient, fitAll, tipFor]);

  // Focus, selection, path, highlight and the keyboard's node are classes on what is already drawn.
  useEffect(() => {
    const instance = cy.current;
    if (!instance || drawn === 0) return;
    instance.batch(() => {
      instance.elements().removeClass('focus path hl faded kbd');
      instance.$id(focus).addClass('focus');
      instance.elements().unselect();
      if (selected) instance.$id(selected).select();
      if (view.path) for (const id of [...view.path.nodes, ...view.path.edges]) instance.$id(id).addClass('path');
      const from = selected ?? focus;
      const start = instance.$id(from);
      if (highlight !== 'none' && start.nonempty()) {
        const reach = highlight === 'up' ? start.predecessors() : start.successors();
        instance.elements().addClass('faded');
        reach.union(start).removeClass('faded').addClass('hl');
      }
      if (keyTip && hasFocus) instance.$id(keyTip.id).addClass('kbd');
    });
  }, [drawn, focus, selected, highlight, view.path, keyTip, hasFocus]);

  /** Puts the keyboard on a node: outlined, scrolled into view, named in the tooltip. */
  const moveTo = (id: string) => {
    const instance = cy.current;
    if (!instance) return;
    const ele = instance.getElementById(id);
    if (ele.empty()) return;
    const box = ele.renderedBoundingBox({ includeLabels: false });
    const dx = box.x1 < 0 ? -box.x1 + FIT_PADDING : box.x2 > instance.width() ? instance.width() - box.x2 - FIT_PADDING : 0;
    const dy = box.y1 < 0 ? -box.y1 + FIT_PADDING : box.y2 > instance.height() ? instance.height() - box.y2 - FIT_PADDING : 0;
    if (dx || dy) instance.panBy({ x: dx, y: dy });
    setKeyTip(tipFor(instance, id));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const instance = cy.current;
    if (!instance || instance.nodes().empty()) return;
    const current = keyTip?.id ?? focus;
    const arrows: Record<string, Arrow> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    if (e.key in arrows) {
      const nodes = instance.nodes().toArray() as NodeSingular[];
      const from = nodes.find((n) => n.id() === current);
      const others = nodes.filter((n) => n !== from).map((n) => ({ id: n.id(), at: n.position() }));
      const next = from ? nearestInDirection(from.position(), others, arrows[e.key]!) : focus;
      if (next) moveTo(next);
    } else if (e.key === 'Home') {
      moveTo(focus);
    } else if (e.key === 'Enter' || e.key === ' ') {
      if (current.startsWith(MORE_ID)) handlers.current.onOpenMore(current.slice(MORE_ID.length));
      else handlers.current.onSelect(current);
    } else if (e.key === '+') {
      if (!current.startsWith(MORE_ID)) handlers.current.onExpand(current);
    } else return;
    e.preventDefault();
  };

  const tip = (hasFocus ? keyTip : null) ?? hoverTip;
  return (
    <>
      <div
        ref={container}
        className="graph-canvas"
        role="application"
        aria-roledescription={t('graphRole')}
        aria-label={t('laidOut', { nodes: view.nodes.length, edges: view.edges.length })}
        aria-describedby={keysId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          setHasFocus(true);
          // From the keyboard only: a click gives focus too, and its node shows on hover.
          if (!keyTip && e.currentTarget.matches(':focus-visible')) moveTo(selected && cy.current?.getElementById(selected).nonempty() ? selected : focus);
        }}
        onBlur={() => setHasFocus(false)}
        data-drawn={drawn}
        data-node-count={view.nodes.length}
        data-more-count={view.more.length}
        data-orientation={orientation}
      />
      <p id={keysId} className="visually-hidden">
        {t('graphKeys')}
      </p>
      {tip ? (
        <div className="graph-tip" role="tooltip" style={{ left: tip.x, top: tip.y }}>
          {tip.text}
        </div>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {hasFocus && keyTip ? keyTip.text : ''}
      </p>
      {!legible ? (
        <p className="graph-small" role="status">
          {t('graphSmall')}
        </p>
      ) : null}
    </>
  );
}

function moreText(t: Translate, group: MoreGroupView, parentName: string): string {
  return t('moreBadge', { count: group.hidden, direction: t(group.direction === 'up' ? 'moreUp' : 'moreDown'), name: parentName });
}
