/**
 * "These ids are the same thing": groups of ids, each written as one canonical id. Groups
 * come from an alias file (`--aliases`) and from the formats themselves (an OpenLineage
 * symlink, a CycloneDX component's purl beside its bom-ref). A union-find; the canonical id
 * of a group is the first id of the highest-priority statement that formed it, so the
 * result does not depend on the order in which groups were joined.
 */
export type AliasPriority = 'format' | 'file';
const RANK: Record<AliasPriority, number> = { format: 1, file: 2 };

export class AliasTable {
  private readonly parent = new Map<string, string>();
  /** Per root: how strongly and how early (statement number) it was chosen as canonical. */
  private readonly claim = new Map<string, { rank: number; order: number }>();
  private statements = 0;

  /** States that all `ids` are one thing; `ids[0]` is preferred as the id to write. */
  same(ids: readonly string[], priority: AliasPriority = 'format'): void {
    if (ids.length === 0) return;
    const order = this.statements++;
    const first = this.find(ids[0]!);
    const want = { rank: RANK[priority], order };
    const had = this.claim.get(first);
    if (!had || better(want, had)) this.claim.set(first, want);
    for (const id of ids.slice(1)) this.join(first, this.find(id));
  }

  canonical(id: string): string {
    return this.parent.has(id) ? this.find(id) : id;
  }

  get size(): number {
    return this.parent.size;
  }

  private join(a: string, b: string): void {
    if (a === b) return;
    const ca = this.claim.get(a);
    const cb = this.claim.get(b);
    // The root with the stronger (or earlier) claim stays canonical.
    const [root, child] = cb && (!ca || better(cb, ca)) ? [b, a] : [a, b];
    this.parent.set(child, root);
    const winner = this.claim.get(root);
    if (winner) this.claim.set(root, winner);
  }

  private find(id: string): string {
    let root = id;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    if (!this.parent.has(id)) this.parent.set(id, id);
    // Path compression.
    for (let cur = id, next = this.parent.get(cur)!; cur !== root; cur = next, next = this.parent.get(cur)!) this.parent.set(cur, root);
    return root;
  }
}

function better(a: { rank: number; order: number }, b: { rank: number; order: number }): boolean {
  return a.rank > b.rank || (a.rank === b.rank && a.order < b.order);
}
