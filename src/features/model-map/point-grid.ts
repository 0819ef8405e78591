/**
 * Where the map's points are on screen, bucketed in a grid of cells, so that hover, keyboard
 * moves and the lasso look at a few dozen points rather than all 10,000.
 */
export class PointGrid {
  private readonly cells = new Map<number, number[]>();
  constructor(
    readonly px: Float32Array,
    readonly py: Float32Array,
    private readonly cell = 24,
  ) {
    for (let i = 0; i < px.length; i++) {
      const key = this.key(Math.floor(px[i]! / cell), Math.floor(py[i]! / cell));
      (this.cells.get(key) ?? this.cells.set(key, []).get(key)!).push(i);
    }
  }

  private key(cx: number, cy: number): number {
    return (cx + 4096) * 8192 + (cy + 4096);
  }

  /** The point nearest (x, y) within `radius` pixels, -1 for none; ties by index. */
  nearest(x: number, y: number, radius: number): number {
    let best = -1;
    let bestD = radius * radius;
    for (const i of this.within(x - radius, y - radius, x + radius, y + radius)) {
      const d = (this.px[i]! - x) ** 2 + (this.py[i]! - y) ** 2;
      if (d < bestD || (d === bestD && best >= 0 && i < best)) [best, bestD] = [i, d];
    }
    return best;
  }

  /** Points in a rectangle (candidates: in its cells). */
  *within(x0: number, y0: number, x1: number, y1: number): Generator<number> {
    const c = this.cell;
    for (let cx = Math.floor(x0 / c); cx <= Math.floor(x1 / c); cx++) {
      for (let cy = Math.floor(y0 / c); cy <= Math.floor(y1 / c); cy++) {
        for (const i of this.cells.get(this.key(cx, cy)) ?? []) {
          const [x, y] = [this.px[i]!, this.py[i]!];
          if (x >= x0 && x <= x1 && y >= y0 && y <= y1) yield i;
        }
      }
    }
  }

  /** Points inside a closed polygon (the lasso), in index order. */
  inPolygon(poly: readonly [number, number][]): number[] {
    if (poly.length < 3) return [];
    const xs = poly.map((p) => p[0]);
    const ys = poly.map((p) => p[1]);
    const out = [...this.within(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys))].filter((i) => insidePolygon(this.px[i]!, this.py[i]!, poly));
    return out.sort((a, b) => a - b);
  }

  /**
   * The point a keyboard arrow moves to from `from`: the nearest one whose direction lies
   * within 60° of the arrow's, weighing sideways distance double; -1 when none.
   */
  step(from: number, dx: number, dy: number): number {
    const [x, y] = [this.px[from]!, this.py[from]!];
    let best = -1;
    let bestCost = Infinity;
    for (let i = 0; i < this.px.length; i++) {
      if (i === from) continue;
      const vx = this.px[i]! - x;
      const vy = this.py[i]! - y;
      const along = vx * dx + vy * dy;
      const across = Math.abs(vx * dy - vy * dx);
      if (along <= 0 || across > along * Math.tan(Math.PI / 3)) continue;
      const cost = along + 2 * across;
      if (cost < bestCost) [best, bestCost] = [i, cost];
    }
    return best;
  }
}

/** Even-odd rule. */
export function insidePolygon(x: number, y: number, poly: readonly [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
