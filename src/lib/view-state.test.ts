import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, compareModelsState, parseViewState, serializeViewState, type ViewState } from './view-state.ts';

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
      diffKinds: ['dataset'],
      diffChanges: ['changed', 'renamed'],
      models: ['model:meditron-70b', 'hf:a,b%2C'],
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
    expect(parseViewState('?dc=added,exploded').diffChanges).toEqual(['added']);
  });

  it('keeps only well-formed "N more" groups', () => {
    expect(parseViewState('?more=down:model:x&more=sideways:y&more=up:&more=').more).toEqual(['down:model:x']);
  });

  it('keeps an empty kind filter distinct from "all kinds"', () => {
    expect(parseViewState('?kinds=').kinds).toEqual([]);
    expect(parseViewState('').kinds).toBeNull();
  });

  it('opens the model comparison from compare=<id>,<id>, at most five, each once', () => {
    const s = parseViewState('?view=compare&compare=model:meditron-70b,model:llama-2-70b,model:meditron-70b');
    expect(s.view).toBe('compare');
    expect(s.models).toEqual(['model:meditron-70b', 'model:llama-2-70b']);
    expect(parseViewState('?compare=a,b,c,d,e,f,,g').models).toEqual(['a', 'b', 'c', 'd', 'e']);
    const link = serializeViewState({ ...DEFAULT_VIEW, ...compareModelsState(['m:1', 'm:2', 'm:1']) });
    expect(link).toBe('?view=compare&compare=m%3A1%2Cm%3A2');
    expect(parseViewState(link)).toMatchObject({ view: 'compare', models: ['m:1', 'm:2'] });
  });
});
