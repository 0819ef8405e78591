import { describe, expect, it } from 'vitest';
import { nearestInDirection } from './keyboard-move.ts';

// A focus with a column of three on its right, one node above and one far off the axes.
const others = [
  { id: 'right-top', at: { x: 200, y: -60 } },
  { id: 'right-mid', at: { x: 200, y: 5 } },
  { id: 'right-low', at: { x: 200, y: 60 } },
  { id: 'above', at: { x: 10, y: -80 } },
  { id: 'corner', at: { x: -100, y: 400 } },
];

describe('arrow-key moves', () => {
  it('goes to the nearest node in the arrow direction, preferring one in line', () => {
    expect(nearestInDirection({ x: 0, y: 0 }, others, 'right')).toBe('right-mid');
    expect(nearestInDirection({ x: 0, y: 0 }, others, 'up')).toBe('above');
    expect(nearestInDirection({ x: 200, y: 5 }, others.slice(0, 3).filter((o) => o.id !== 'right-mid'), 'down')).toBe('right-low');
  });

  it('stays put when nothing lies that way (not jumping to a node far off to the side)', () => {
    expect(nearestInDirection({ x: 0, y: 0 }, others, 'left')).toBeNull();
    expect(nearestInDirection({ x: 0, y: 0 }, [], 'down')).toBeNull();
  });
});
