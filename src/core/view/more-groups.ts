/**
 * Names of folded groups ("N more"): the direction and the parent's id, e.g.
 * `down:model:qwen2.5-72b-instruct`. This is what the URL keeps for an opened group, so a
 * link restores the same view; the direction comes first because ids may contain ':'.
 */
export type MoreDirection = 'up' | 'down';

export function moreGroupKey(direction: MoreDirection, parent: string): string {
  return `${direction}:${parent}`;
}

/** Null for anything `moreGroupKey` does not write (a hand-edited link must not break the view). */
export function parseMoreGroupKey(key: string): { direction: MoreDirection; parent: string } | null {
  const m = /^(up|down):(.+)$/s.exec(key);
  return m ? { direction: m[1] as MoreDirection, parent: m[2]! } : null;
}
