/**
 * Shared state of the snapshot generator: the growing node and relation arrays, the
 * seeded random source, id counters and time helpers. The generator's parts append to
 * one builder in a fixed order, which is what makes the output depend on the seed alone.
 */
import type { Relation, RelationType, SnapshotNode } from '../core/format/index.ts';
import { Prng } from './prng.ts';

/** Where a streamed builder sends what it makes, instead of keeping it. */
export interface LineageSink {
  node(node: SnapshotNode): void;
  relation(relation: Relation): void;
}

export class LineageBuilder {
  /**
   * Everything added; with a sink, only what was added before `stream()` (the generator's
   * parts may still change those nodes: a person's department, a dataset's classification).
   */
  readonly nodes: SnapshotNode[] = [];
  readonly relations: Relation[] = [];
  readonly rng: Prng;
  private readonly counters = new Map<string, number>();
  private count = 0;
  private streaming = false;

  constructor(
    seed: number,
    private readonly sink?: LineageSink,
  ) {
    this.rng = new Prng(seed);
  }

  /**
   * From now on (with a sink) nodes and relations go to the sink as they are made; what
   * was kept so far goes first, nodes before relations, so every relation follows its ends.
   * Only what is never changed after being added may be streamed: the usage records.
   */
  stream(): void {
    if (!this.sink || this.streaming) return;
    this.streaming = true;
    for (const n of this.nodes.splice(0)) this.sink.node(n);
    for (const r of this.relations.splice(0)) this.sink.relation(r);
  }

  /** Nodes added so far (kept or streamed). */
  get nodeCount(): number {
    return this.count;
  }

  /** Next id with this prefix, zero-padded so that ids sort in creation order: `model:0007`. */
  nextId(prefix: string, width = 4): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}:${String(n).padStart(width, '0')}`;
  }

  add<N extends SnapshotNode>(node: N): N {
    this.count++;
    if (this.streaming) this.sink!.node(node);
    else this.nodes.push(node);
    return node;
  }

  /** `from` depends on `to`, as in PROV: (model, activity) for wasGeneratedBy. */
  relate(type: RelationType, from: SnapshotNode, to: SnapshotNode, extra?: Pick<Relation, 'subtype' | 'role' | 'time'>): void {
    const r: Relation = extra ? { type, from: from.id, to: to.id, ...extra } : { type, from: from.id, to: to.id };
    if (this.streaming) this.sink!.relation(r);
    else this.relations.push(r);
  }

  contentHash(): string {
    return `sha256:${this.rng.hex(64)}`;
  }
}

const DAY_MS = 86_400_000;

/** ISO date-time without milliseconds, always UTC: `2024-05-01T09:30:00Z`. */
export function isoTime(ms: number): string {
  return new Date(Math.round(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function msOf(date: string): number {
  return Date.parse(date);
}

export const days = (n: number): number => n * DAY_MS;
