import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseViewState, serializeViewState, type ViewState } from './view-state.ts';

describe('view state in the URL', () => {
  it('round-trips every field', () => {
    const state: ViewState = {
      snapshot: 'snapshots/gen/manifest.json',
      pack: 'clinician',
      node: 'model:meditron-70b',
      selected: 'dataset:gap-replay',
      depth: 3,
      dir: 'up',
      kinds: ['model', 'dataset'],
      expanded: ['a b', 'c&d'],
      more: ['down:software:ruh-genai-gateway', 'up:a:b&c'],
      pathTo: 'model:llama-2-70b',
      highlight: 'down',
      q: '退院 サマリー',
      lang: 'ja',
      view: 'impact',
      impactKinds: ['output'],
      lq: 'メトホルミン eGFR',
      check: 'output:0016',
      compare: 'snapshots/2026-03/manifest.json',
      compareModels: ['model:meditron-70b', 'model:llama-2-70b'],
      mapColour: 'score:MedQA · accuracy',
    };
    expect(parseViewState(serializeViewState(state))).toEqual(state);
  });

  it('writes nothing for the defaults', () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe('');
    expect(parseViewState('')).toEqual(DEFAULT_VIEW);
  });

  it('falls back to defaults for malformed values instead of failing', () => {
    const s = parseViewState('?depth=999&dir=sideways&kinds=model,bogus&lang=fr&view=<script>');
    expect(s.depth).toBe(6);
    expect(s.dir).toBe('both');
    expect(s.kinds).toEqual(['model']);
    expect(s.lang).toBeNull();
    expect(s.view).toBe('graph');
    expect(parseViewState('?pack=../auditor').pack).toBeNull();
    expect(parseViewState('?depth=-4').depth).toBe(1);
    expect(parseViewState('?depth=abc').depth).toBe(1);
  });

  it('takes 2 to 5 distinct models to compare, from one comma-separated parameter', () => {
    expect(parseViewState('?compare=model:a,model:b,model:a').compareModels).toEqual(['model:a', 'model:b']);
    expect(serializeViewState({ ...DEFAULT_VIEW, view: 'map', compareModels: ['model:a', 'model:b'] })).toBe('?view=map&compare=model%3Aa%2Cmodel%3Ab');
    expect(parseViewState('?compare=model:a').compareModels).toEqual([]);
    expect(parseViewState('?compare=a,b,c,d,e,f').compareModels).toEqual([]);
  });

  it('keeps only well-formed "N more" groups', () => {
    expect(parseViewState('?more=down:model:x&more=sideways:y&more=up:&more=').more).toEqual(['down:model:x']);
  });

  it('keeps an empty kind filter distinct from "all kinds"', () => {
    expect(parseViewState('?kinds=').kinds).toEqual([]);
    expect(parseViewState('').kinds).toBeNull();
  });
});
