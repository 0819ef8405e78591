/**
 * The k best (score, doc) pairs of a stream, in a bounded binary min-heap: O(n log k) and
 * k slots of memory, instead of sorting every scored document. "Better" means a higher
 * score, then a lower doc id, so equal scores always come out in the same order.
 */

export interface ScoredDoc {
  doc: number;
  score: number;
}

export class TopK {
  private readonly scores: Float64Array;
  private readonly docs: Int32Array;
  private size = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(Math.max(0, k));
    this.docs = new Int32Array(Math.max(0, k));
  }

  /** True when (score, doc) would be kept: lets callers skip costly checks for hopeless docs. */
  wouldKeep(score: number, doc: number): boolean {
    if (this.size < this.k) return this.k > 0;
    return better(score, doc, this.scores[0]!, this.docs[0]!);
  }

  push(score: number, doc: number): void {
    if (this.size < this.k) {
      this.scores[this.size] = score;
      this.docs[this.size] = doc;
      this.siftUp(this.size++);
    } else if (this.k > 0 && better(score, doc, this.scores[0]!, this.docs[0]!)) {
      this.scores[0] = score;
      this.docs[0] = doc;
      this.siftDown(0);
    }
  }

  /** The kept pairs, best first. */
  sorted(): ScoredDoc[] {
    const out: ScoredDoc[] = [];
    for (let i = 0; i < this.size; i++) out.push({ doc: this.docs[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }

  private siftUp(i: number): void {
    const { scores, docs } = this;
    const s = scores[i]!;
    const d = docs[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!better(scores[parent]!, docs[parent]!, s, d)) break;
      scores[i] = scores[parent]!;
      docs[i] = docs[parent]!;
      i = parent;
    }
    scores[i] = s;
    docs[i] = d;
  }

  private siftDown(i: number): void {
    const { scores, docs, size } = this;
    const s = scores[i]!;
    const d = docs[i]!;
    for (;;) {
      let worst = i;
      let ws = s;
      let wd = d;
      const left = 2 * i + 1;
      const right = left + 1;
      if (left < size && better(ws, wd, scores[left]!, docs[left]!)) {
        worst = left;
        ws = scores[left]!;
        wd = docs[left]!;
      }
      if (right < size && better(ws, wd, scores[right]!, docs[right]!)) {
        worst = right;
        ws = scores[right]!;
        wd = docs[right]!;
      }
      if (worst === i) break;
      scores[i] = ws;
      docs[i] = wd;
      i = worst;
    }
    scores[i] = s;
    docs[i] = d;
  }
}

function better(scoreA: number, docA: number, scoreB: number, docB: number): boolean {
  return scoreA > scoreB || (scoreA === scoreB && docA < docB);
}
