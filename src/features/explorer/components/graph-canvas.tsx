import { useEffect, useRef, useState } from 'react';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { displayName } from '../../../core/format/index.ts';
import { labelSize } from '../../../core/layout/index.ts';
import type { SubgraphView } from '../../../core/view/index.ts';
import type { LayoutClient } from '../../../workers/clients.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { downloadBlob } from '../../../lib/download.ts';
import { graphStylesheet } from '../graph-style.ts';
import type { Highlight } from '../../../lib/view-state.ts';

interface Props {
  view: SubgraphView;
  /** Owned by the explorer, which starts its worker before the first subgraph arrives. */
  layoutClient: LayoutClient;
  focus: string;
  selected: string | null;
  highlight: Highlight;
  onSelect(id: string): void;
  onExpand(id: string): void;
  /** Receives a function that saves the drawing as PNG. */
  onReady?(api: { exportPng(): void; fit(): void } | null): void;
}

const MAX_LABEL_CHARS = 28;
const MIN_READABLE_ZOOM = 0.75;

/**
 * The drawing. Cytoscape only ever gets the few hundred nodes of the current view, with
 * positions computed in the layout worker (preset layout): nothing heavy runs here.
 * Edges are drawn in the direction of flow (dependency → dependent), the reverse of PROV's
 * argument order, because that is how people read lineage: data → run → model → output.
 */
export function GraphCanvas({ view, layoutClient, focus, selected, highlight, onSelect, onExpand, onReady }: Props) {
  const { lang, t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const handlers = useRef({ onSelect, onExpand });
  handlers.current = { onSelect, onExpand };
  const focusRef = useRef(focus);
  focusRef.current = focus;
  const [drawn, setDrawn] = useState(0);

  useEffect(() => {
    const instance = cytoscape({
      container: container.current,
      style: graphStylesheet(),
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    instance.on('tap', 'node', (e) => handlers.current.onSelect(e.target.id()));
    instance.on('dbltap', 'node', (e) => handlers.current.onExpand(e.target.id()));
    cy.current = instance;
    onReady?.({
      exportPng: () => downloadBlob(instance.png({ full: true, scale: 2, bg: '#ffffff', output: 'blob' }) as Blob, 'raireki-graph.png'),
      fit: () => instance.fit(undefined, 30),
    });
    return () => {
      onReady?.(null);
      instance.destroy();
      cy.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- created once
  }, []);

  // New subgraph → lay it out off the main thread → draw.
  useEffect(() => {
    let cancelled = false;
    const sized = view.nodes.map((n) => {
      const label = n.placeholder ? `🔒 ${t('restricted')}` : displayName(n, lang);
      const short = label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
      return { node: n, label: short, ...labelSize(short, MAX_LABEL_CHARS) };
    });
    const edges = view.edges.map((e) => ({ source: e.to, target: e.from }));
    layoutClient
      .layout(
        sized.map((s) => ({ id: s.node.id, width: s.width, height: s.height })),
        edges,
      )
      .then((result) => {
        const instance = cy.current;
        if (cancelled || !instance) return;
        const elements: ElementDefinition[] = [
          ...sized.map((s) => ({
            group: 'nodes' as const,
            data: { id: s.node.id, label: s.label, kind: s.node.kind, classification: s.node.classification, placeholder: s.node.placeholder ?? false, width: s.width, height: s.height, textWidth: s.width - 10 },
            position: result.positions[s.node.id] ?? { x: 0, y: 0 },
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
        instance.layout({ name: 'preset', fit: true, padding: 30 }).run();
        // A wide neighbourhood fitted whole would shrink labels past reading: keep them
        // legible and centre on the focus; the rest is a pan away ("Fit to view" shows all).
        const focusNode = instance.$id(focusRef.current);
        if (instance.zoom() < MIN_READABLE_ZOOM && focusNode.nonempty()) {
          // Keep the focus where it sits in the whole drawing (left edge for a downstream
          // view, right edge for upstream), so what it leads to is on screen.
          const box = instance.elements().boundingBox();
          const at = focusNode.position();
          const share = box.w > 0 ? (at.x - box.x1) / box.w : 0.5;
          const margin = 120;
          const x = margin + share * Math.max(0, instance.width() - 2 * margin);
          instance.zoom(MIN_READABLE_ZOOM);
          instance.pan({ x: x - at.x * MIN_READABLE_ZOOM, y: instance.height() / 2 - at.y * MIN_READABLE_ZOOM });
        }
        // User Timing mark: the graph is on screen and clickable (read by the browser benchmark).
        performance.mark('raireki:graph-drawn', { detail: { nodes: sized.length, edges: view.edges.length } });
        setDrawn((n) => n + 1);
      })
      .catch((err: unknown) => {
        if (!cancelled && !(err instanceof Error && err.message === 'cancelled')) console.error('layout failed', err);
      });
    return () => {
      cancelled = true;
    };
  }, [view, lang, t, layoutClient]);

  // Focus, selection, path and highlight are classes on what is already drawn.
  useEffect(() => {
    const instance = cy.current;
    if (!instance || drawn === 0) return;
    instance.batch(() => {
      instance.elements().removeClass('focus path hl faded');
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
    });
  }, [drawn, focus, selected, highlight, view.path]);

  return (
    <div
      ref={container}
      className="graph-canvas"
      role="img"
      aria-label={t('laidOut', { nodes: view.nodes.length, edges: view.edges.length })}
      data-drawn={drawn}
      data-node-count={view.nodes.length}
    />
  );
}
