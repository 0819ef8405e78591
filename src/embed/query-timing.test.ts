import { describe, expect, it } from 'vitest';
import { timeQueries, type QueryEmbedder } from './query-timing.ts';

/** An embedder whose vector of a text is [text length, id], logging its calls. */
function fake(id: number, log: string[], opts: { failOn?: string; msPerRun?: number } = {}): QueryEmbedder {
  return {
    async embed(texts) {
      const text = texts[0]!;
      log.push(`${id}:${text}`);
      if (text === opts.failOn) throw new Error(`embedder ${id} broke`);
      if (opts.msPerRun) await new Promise((r) => setTimeout(r, opts.msPerRun));
      return [new Float32Array([text.length, id])];
    },
  };
}

describe('timeQueries', () => {
  it('warms each embedder up on every text, then times single texts, taking the embedders in turn', async () => {
    const log: string[] = [];
    const [a, b] = await timeQueries([fake(1, log), fake(2, log)], ['a', 'bb', 'ccc'], { runs: 4 });
    const warmUp = ['1:a', '2:a', '1:bb', '2:bb', '1:ccc', '2:ccc'];
    expect(log).toEqual([...warmUp, '1:a', '2:a', '1:bb', '2:bb', '1:ccc', '2:ccc', '1:a', '2:a']);
    if (!a || 'error' in a || !b || 'error' in b) throw new Error('expected two trials');
    expect(a.times).toHaveLength(4);
    for (const t of a.times) expect(t).toBeGreaterThanOrEqual(0);
    // One vector per text, from the warm-up, in the texts' order.
    expect(a.vectors.map((v) => Array.from(v))).toEqual([[1, 1], [2, 1], [3, 1]]);
    expect(b.vectors.map((v) => v[1])).toEqual([2, 2, 2]);
  });

  it('runs every text at least once even when asked for fewer runs', async () => {
    const [a] = await timeQueries([fake(1, [])], ['a', 'bb', 'ccc'], { runs: 1 });
    if (!a || 'error' in a) throw new Error('expected a trial');
    expect(a.times).toHaveLength(3);
    expect(a.vectors).toHaveLength(3);
  });

  it('stops at the time budget, but only after every text ran on every embedder', async () => {
    const log: string[] = [];
    const [a] = await timeQueries([fake(1, log, { msPerRun: 5 })], ['a', 'bb'], { runs: 50, budgetMs: 0 });
    if (!a || 'error' in a) throw new Error('expected a trial');
    expect(a.times).toHaveLength(2);
    expect(a.vectors).toHaveLength(2);
  });

  it('leaves out an embedder that fails, with its error, and goes on with the others', async () => {
    const log: string[] = [];
    const [a, b] = await timeQueries([fake(1, log, { failOn: 'bb' }), fake(2, log)], ['a', 'bb'], { runs: 3 });
    expect(a).toEqual({ error: 'embedder 1 broke' });
    if (!b || 'error' in b) throw new Error('expected a trial');
    expect(b.times).toHaveLength(3);
    expect(log.filter((l) => l.startsWith('1:'))).toEqual(['1:a', '1:bb']);
  });

  it('refuses an empty list of texts', async () => {
    await expect(timeQueries([fake(1, [])], [], { runs: 3 })).rejects.toThrow(/at least one text/);
  });
});
