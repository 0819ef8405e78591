/**
 * Arrow-key moves between drawn nodes: the nearest node lying roughly in the arrow's
 * direction (within 60° of it), distance across the arrow counting double, so that
 * Right walks along a row and Down along a column, as the eye would.
 */
export type Arrow = 'left' | 'right' | 'up' | 'down';

export function nearestInDirection(from: { x: number; y: number }, others: readonly { id: string; at: { x: number; y: number } }[], arrow: Arrow): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const o of others) {
    const dx = o.at.x - from.x;
    const dy = o.at.y - from.y;
    const along = arrow === 'right' ? dx : arrow === 'left' ? -dx : arrow === 'down' ? dy : -dy;
    const across = Math.abs(arrow === 'left' || arrow === 'right' ? dy : dx);
    if (along <= 0 || across > along * Math.tan(Math.PI / 3)) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = o.id;
    }
  }
  return best;
}
