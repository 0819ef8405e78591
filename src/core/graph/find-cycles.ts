/**
 * Cycle detection over the edges `from → to` of a CSR adjacency.
 *
 * Strongly connected components with Tarjan's algorithm, written with an explicit call
 * stack in typed arrays: provenance chains can be hundreds of thousands of hops long, far
 * beyond what recursion survives, and the run is linear in nodes + edges. For the first
 * few components on a cycle, one concrete cycle is extracted by a breadth-first search
 * inside the component, so that the report can name the ids on it.
 */

export interface CsrOut {
  readonly nodeCount: number;
  readonly outOffsets: Int32Array;
  readonly outEdges: Int32Array;
  readonly outNodes: Int32Array;
}

export interface CycleReport {
  /** One cycle per described component: edges in order, the last one closing the cycle. */
  cycles: number[][];
  /** Components with a cycle (self-loops included), described or not. */
  cyclicComponents: number;
}

export function findCycles(g: CsrOut, maxDescribed: number): CycleReport {
  const n = g.nodeCount;
  const { outOffsets, outNodes } = g;
  const order = new Int32Array(n).fill(-1); // discovery order, -1 = unvisited
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1); // assigned when the component is popped
  const stack = new Int32Array(n); // Tarjan's stack of open nodes
  const callNode = new Int32Array(n); // explicit DFS call stack…
  const callPos = new Int32Array(n); // …with the next CSR position to look at
  const report: CycleReport = { cycles: [], cyclicComponents: 0 };
  let counter = 0;
  let sp = 0;
  let componentCount = 0;

  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    let csp = 0;
    order[root] = low[root] = counter++;
    stack[sp++] = root;
    callNode[csp] = root;
    callPos[csp++] = outOffsets[root]!;
    while (csp > 0) {
      const v = callNode[csp - 1]!;
      const p = callPos[csp - 1]!;
      if (p < outOffsets[v + 1]!) {
        callPos[csp - 1] = p + 1;
        const w = outNodes[p]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack[sp++] = w;
          callNode[csp] = w;
          callPos[csp++] = outOffsets[w]!;
        } else if (component[w] === -1 && order[w]! < low[v]!) {
          // w is still open (on Tarjan's stack): v reaches back to it.
          low[v] = order[w]!;
        }
        continue;
      }
      csp--;
      if (csp > 0) {
        const parent = callNode[csp - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] !== order[v]) continue;
      // v is the root of a component: pop it.
      const id = componentCount++;
      let size = 0;
      let w: number;
      do {
        w = stack[--sp]!;
        component[w] = id;
        size++;
      } while (w !== v);
      if (size > 1 || hasSelfLoop(g, v)) {
        report.cyclicComponents++;
        if (report.cycles.length < maxDescribed) report.cycles.push(cycleThrough(g, v, component));
      }
    }
  }
  return report;
}

function hasSelfLoop(g: CsrOut, v: number): boolean {
  for (let p = g.outOffsets[v]!; p < g.outOffsets[v + 1]!; p++) if (g.outNodes[p] === v) return true;
  return false;
}

/** Shortest cycle through `start` within its component, as edges. */
function cycleThrough(g: CsrOut, start: number, component: Int32Array): number[] {
  const id = component[start];
  const parentEdge = new Map<number, number>(); // node → edge it was reached by
  const parentNode = new Map<number, number>();
  const queue = [start];
  parentEdge.set(start, -1);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (let p = g.outOffsets[v]!; p < g.outOffsets[v + 1]!; p++) {
      const w = g.outNodes[p]!;
      if (w === start) {
        const edges = [g.outEdges[p]!];
        for (let u = v; u !== start; u = parentNode.get(u)!) edges.push(parentEdge.get(u)!);
        return edges.reverse();
      }
      if (component[w] !== id || parentEdge.has(w)) continue;
      parentEdge.set(w, g.outEdges[p]!);
      parentNode.set(w, v);
      queue.push(w);
    }
  }
  throw new Error('findCycles: component without a cycle through its root');
}
