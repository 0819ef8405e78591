import { describe, expect, it } from 'vitest';
import { progressBar } from './literature-progress.ts';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
}

describe('progress bar', () => {
  it('draws one rewritten line on a terminal', () => {
    const { writes, stream } = fakeStream(true);
    const bar = progressBar(stream, 10);
    bar.update('embedding', 5, 10);
    bar.done();
    expect(writes[0]).toBe('\rembedding  [#####.....]  50% 5/10  ');
    expect(writes.at(-1)).toBe('\n');
  });

  it('logs plain lines at stage changes and every quarter when not a terminal', () => {
    const { writes, stream } = fakeStream(false);
    const bar = progressBar(stream);
    for (let i = 0; i <= 100; i += 5) bar.update('embedding', i, 100);
    bar.update('keywords', 0, 1);
    expect(writes).toEqual([
      'embedding: 0/100 (0%)\n',
      'embedding: 25/100 (25%)\n',
      'embedding: 50/100 (50%)\n',
      'embedding: 75/100 (75%)\n',
      'embedding: 100/100 (100%)\n',
      'keywords: 0/1 (0%)\n',
    ]);
  });
});
