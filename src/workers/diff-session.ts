/**
 * The explorer worker's comparison of the open snapshot with another (issue 12, item 4):
 * the diff is computed and kept here; the page asks for its overview, a page of changes
 * of the kinds it shows, and CSV — a diff of a million changes never crosses as objects.
 */
import type { Lang } from '../core/format/index.ts';
import {
  countsByChange,
  countsByKind,
  diffCsv,
  diffSnapshots,
  filterChanges,
  type DiffFilter,
  type DiffSideInfo,
  type NewOutputs,
  type NodeChange,
  type Reclassification,
  type RelationChange,
  type SnapshotDiff,
} from '../core/diff/index.ts';
import type { Progress } from './rpc.ts';
import type { GraphSource } from './snapshot-source.ts';

/** Re-classifications and models with new outputs listed in the overview (the CSV has all). */
const LISTED = 200;

export interface DiffOverview {
  /** Increases with every diff computed; part of the page's query keys. */
  id: number;
  /** The earlier snapshot (a) and the later (b). */
  a: DiffSideInfo;
  b: DiffSideInfo;
  /** Which of the two is the snapshot open in the explorer. */
  openSide: 'a' | 'b';
  nodes: Record<string, number>;
  relations: Record<string, number>;
  unchanged: SnapshotDiff['unchanged'];
  reclassified: Reclassification[];
  reclassifiedCount: number;
  newOutputs: NewOutputs[];
  ms: number;
}

export interface DiffPage {
  nodes: NodeChange[];
  relations: RelationChange[];
  totalNodes: number;
  totalRelations: number;
  countsByKind: ReturnType<typeof countsByKind>;
}

interface Compared {
  id: number;
  /** Generation of the open snapshot the diff was made with. */
  generation: number;
  open: { source: GraphSource; name: string };
  other: { source: GraphSource; name: string };
  openSide: 'a' | 'b';
  diff: SnapshotDiff;
  ms: number;
}

export class DiffSession {
  private compared: Compared | null = null;
  private nextId = 0;

  /** Compares `other` (as the earlier snapshot, a) with the open one (b), or the other way round. */
  async compare(open: { source: GraphSource; name: string; generation: number }, other: { source: GraphSource; name: string }, openSide: 'a' | 'b', progress?: (p: Progress) => void): Promise<DiffOverview> {
    const t0 = performance.now();
    const openDiff = open.source.diffSide(open.name);
    const otherDiff = other.source.diffSide(other.name);
    const [a, b] = openSide === 'b' ? [otherDiff, openDiff] : [openDiff, otherDiff];
    const diff = await diffSnapshots(a, b, (phase, done, total) => progress?.({ done, total, label: phase }));
    this.compared = { id: ++this.nextId, generation: open.generation, open: { source: open.source, name: open.name }, other, openSide, diff, ms: performance.now() - t0 };
    return this.overview();
  }

  /** The same two snapshots, earlier and later swapped. */
  swap(generation: number, progress?: (p: Progress) => void): Promise<DiffOverview> {
    const c = this.current(generation);
    return this.compare({ ...c.open, generation }, c.other, c.openSide === 'b' ? 'a' : 'b', progress);
  }

  close(): void {
    this.compared = null;
  }

  /** The current diff, if it was made with the snapshot open now; null otherwise. */
  overviewFor(generation: number): DiffOverview | null {
    return this.compared && this.compared.generation === generation ? this.overview() : null;
  }

  page(generation: number, filter: DiffFilter, limit: number): DiffPage {
    const { diff } = this.current(generation);
    const { nodes, relations } = filterChanges(diff, filter);
    return { nodes: nodes.slice(0, limit), relations: relations.slice(0, limit), totalNodes: nodes.length, totalRelations: relations.length, countsByKind: countsByKind(diff, filter.changes) };
  }

  csv(generation: number, filter: DiffFilter, lang: Lang): { text: string } {
    return { text: diffCsv(this.current(generation).diff, filter, lang) };
  }

  private current(generation: number): Compared {
    if (!this.compared) throw new Error('no comparison is open: choose a snapshot to compare with');
    if (this.compared.generation !== generation) throw new Error('another snapshot was opened since: compare again');
    return this.compared;
  }

  private overview(): DiffOverview {
    const { id, diff, openSide, ms } = this.compared!;
    return {
      id,
      a: diff.a,
      b: diff.b,
      openSide,
      nodes: countsByChange(diff.nodes),
      relations: countsByChange(diff.relations),
      unchanged: diff.unchanged,
      reclassified: diff.reclassified.slice(0, LISTED),
      reclassifiedCount: diff.reclassified.length,
      newOutputs: diff.newOutputs.slice(0, LISTED),
      ms,
    };
  }
}
