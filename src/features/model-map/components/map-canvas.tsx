import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { displayName } from '../../../core/format/index.ts';
import type { ModelMapInput, ModelMapLayout } from '../../../core/model-map/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { PointGrid } from '../point-grid.ts';
import { exposeMapProbe } from '../map-probe.ts';

interface Props {
  input: ModelMapInput;
  layout: ModelMapLayout;
  colours: string[];
  /** Models chosen for comparison (map indices). */
  selected: readonly number[];
  /** The model shown in the table and the status line. */
  focused: number;
  onFocus(model: number): void;
  onOpen(model: number): void;
  onToggle(model: number): void;
  onLasso(models: number[]): void;
  describe(model: number): string;
}

const PAD = 16;
const RADIUS = 3.5;
const HIT = 8;
const KEYS_ID = 'map-keys';
/** Half the tooltip's largest width (CSS .map-tip). */
const TIP_HALF = 140;

/**
 * The map on two stacked canvases: the points (redrawn only when the layout, colours or size
 * change: 10,000 points in a few milliseconds) and an overlay for hover, focus, selection and
 * the lasso, cheap to redraw on every pointer move. No DOM node per point.
 */
export function MapCanvas({ input, layout, colours, selected, focused, onFocus, onOpen, onToggle, onLasso, describe }: Props) {
  const { t, lang } = useI18n();
  const frame = useRef<HTMLDivElement>(null);
  const base = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [hover, setHover] = useState(-1);
  const [lasso, setLasso] = useState<[number, number][] | null>(null);
  const [keyboard, setKeyboard] = useState(false);
  const drag = useRef<{ x: number; y: number; lasso: [number, number][] | null } | null>(null);

  useEffect(() => {
    const el = frame.current!;
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Screen positions: the unit square fitted into the frame, centred.
  const grid = useMemo(() => {
    const side = Math.max(0, Math.min(size.w, size.h) - 2 * PAD);
    const ox = (size.w - side) / 2;
    const oy = (size.h - side) / 2;
    const n = input.models.length;
    const px = new Float32Array(n);
    const py = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      px[i] = ox + layout.x[i]! * side;
      py[i] = oy + layout.y[i]! * side;
    }
    return new PointGrid(px, py);
  }, [input, layout, size]);

  useEffect(() => exposeMapProbe(input, grid), [input, grid]);

  useEffect(() => {
    const canvas = base.current;
    if (!canvas || size.w === 0) return;
    const t0 = performance.now();
    const ctx = prepare(canvas, size.w, size.h);
    // One path per colour: 10 fills instead of 10,000.
    const byColour = new Map<string, number[]>();
    colours.forEach((c, i) => (byColour.get(c) ?? byColour.set(c, []).get(c)!).push(i));
    for (const [colour, points] of byColour) {
      ctx.beginPath();
      for (const i of points) {
        ctx.moveTo(grid.px[i]! + RADIUS, grid.py[i]!);
        ctx.arc(grid.px[i]!, grid.py[i]!, RADIUS, 0, Math.PI * 2);
      }
      ctx.fillStyle = colour;
      ctx.fill();
    }
    performance.measure('raireki:map-draw', { start: t0, end: performance.now() });
  }, [grid, colours, size]);

  useEffect(() => {
    const canvas = overlay.current;
    if (!canvas || size.w === 0) return;
    const ctx = prepare(canvas, size.w, size.h);
    ctx.lineWidth = 2;
    for (const i of selected) ring(ctx, grid.px[i]!, grid.py[i]!, RADIUS + 4, '#0f172a');
    if (hover >= 0) ring(ctx, grid.px[hover]!, grid.py[hover]!, RADIUS + 3, '#2563eb');
    if (keyboard && focused >= 0) {
      ctx.setLineDash([3, 2]);
      ring(ctx, grid.px[focused]!, grid.py[focused]!, RADIUS + 7, '#b91c1c');
      ctx.setLineDash([]);
    }
    if (lasso && lasso.length > 1) {
      ctx.beginPath();
      ctx.moveTo(...lasso[0]!);
      for (const p of lasso.slice(1)) ctx.lineTo(...p);
      ctx.closePath();
      ctx.fillStyle = 'rgb(37 99 235 / 0.08)';
      ctx.fill();
      ctx.strokeStyle = '#2563eb';
      ctx.setLineDash([4, 3]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }, [grid, selected, hover, focused, keyboard, lasso, size]);

  const local = (e: PointerEvent): [number, number] => {
    const r = overlay.current!.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    const [x, y] = local(e);
    drag.current = { x, y, lasso: null };
    overlay.current!.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    const [x, y] = local(e);
    const d = drag.current;
    if (d && !d.lasso && Math.hypot(x - d.x, y - d.y) > 6) d.lasso = [[d.x, d.y]];
    if (d?.lasso) {
      d.lasso.push([x, y]);
      setLasso([...d.lasso]);
    } else setHover(grid.nearest(x, y, HIT));
  };
  const onPointerUp = (e: PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    if (d.lasso) {
      setLasso(null);
      onLasso(grid.inPolygon(d.lasso));
      return;
    }
    const [x, y] = local(e);
    const hit = grid.nearest(x, y, HIT);
    if (hit < 0) return;
    setKeyboard(false);
    onFocus(hit);
    if (e.shiftKey || e.ctrlKey || e.metaKey) onToggle(hit);
    else onOpen(hit);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const n = input.models.length;
    if (n === 0) return;
    setKeyboard(true);
    if (e.key in arrows) {
      e.preventDefault();
      const [dx, dy] = arrows[e.key]!;
      const next = focused < 0 ? 0 : grid.step(focused, dx, dy);
      if (next >= 0) onFocus(next);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      onFocus(e.key === 'Home' ? 0 : n - 1);
    } else if (e.key === 'Enter' && focused >= 0) {
      e.preventDefault();
      onOpen(focused);
    } else if (e.key === ' ' && focused >= 0) {
      e.preventDefault();
      onToggle(focused);
    }
  };

  const tipModel = hover >= 0 ? hover : keyboard ? focused : -1;
  return (
    <div ref={frame} className="map-frame">
      <canvas ref={base} className="map-layer" aria-hidden="true" />
      <canvas
        ref={overlay}
        className="map-layer map-overlay"
        data-testid="model-map-canvas"
        role="application"
        aria-roledescription={t('mapRole')}
        aria-label={t('mapLabel', { count: input.models.length })}
        aria-describedby={KEYS_ID}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(-1)}
        onKeyDown={onKeyDown}
        onFocus={() => {
          setKeyboard(true);
          if (focused < 0 && input.models.length > 0) onFocus(0);
        }}
        onBlur={() => setKeyboard(false)}
      />
      {tipModel >= 0 ? (
        <div
          className="graph-tip map-tip"
          role="tooltip"
          data-testid="map-tip"
          // Kept inside the frame: a point at the edge must not squeeze its label into a column.
          style={{ left: Math.min(Math.max(grid.px[tipModel]!, TIP_HALF), Math.max(TIP_HALF, size.w - TIP_HALF)), ...(grid.py[tipModel]! > size.h - 80 ? { bottom: size.h - grid.py[tipModel]! + 10 } : { top: grid.py[tipModel]! + 10 }) }}
        >
          <strong>{displayName(input.models[tipModel]!, lang)}</strong>
          <br />
          {describe(tipModel)}
        </div>
      ) : null}
      <p id={KEYS_ID} className="visually-hidden">
        {t('mapKeys')}
      </p>
      <p className="visually-hidden" aria-live="polite" data-testid="map-focus-status">
        {keyboard && focused >= 0 ? `${displayName(input.models[focused]!, lang)} — ${describe(focused)}` : ''}
      </p>
    </div>
  );
}

function prepare(canvas: HTMLCanvasElement, w: number, h: number): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return ctx;
}

function ring(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, colour: string): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.strokeStyle = colour;
  ctx.stroke();
}
