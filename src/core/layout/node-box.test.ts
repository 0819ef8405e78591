import { describe, expect, it } from 'vitest';
import { LABEL_LINE_MAX_PX, LABEL_MAX_LINES, NODE_MAX_HEIGHT, NODE_MAX_WIDTH, moreBadgeBox, nodeBox, textWidth, wrapLabel } from './node-box.ts';

describe('node boxes', () => {
  it('keeps a short label whole on one line', () => {
    expect(wrapLabel('Meditron-70B')).toEqual({ lines: ['Meditron-70B'], shortened: false });
    const box = nodeBox('Meditron-70B');
    expect(box.label).toBe('Meditron-70B');
    expect(box.height).toBeLessThan(NODE_MAX_HEIGHT);
  });

  it('wraps a long label at spaces onto two lines and ends it with "…" when more is left', () => {
    const { lines, shortened } = wrapLabel('Evaluation of Meditron-70B on MedQA with five-shot chain of thought prompting');
    expect(lines).toHaveLength(LABEL_MAX_LINES);
    expect(lines[0]).toBe('Evaluation of');
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(shortened).toBe(true);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(LABEL_LINE_MAX_PX);
  });

  it('breaks Japanese, which has no spaces, between characters', () => {
    const { lines, shortened } = wrapLabel('来歴大学病院 日本語臨床指示データ v2 の患者識別子混入部分');
    expect(lines).toHaveLength(2);
    expect(shortened).toBe(true);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(LABEL_LINE_MAX_PX);
  });

  it('splits a single word longer than a line', () => {
    const { lines } = wrapLabel('ruh-clinical-instructions-ja-v2-phi-subset-isolated-records');
    expect(lines.length).toBeLessThanOrEqual(2);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(LABEL_LINE_MAX_PX);
  });

  it('never makes a box larger than the fit plan assumes', () => {
    for (const label of ['x', 'Meditron-70B continued pretraining on GAP-Replay', '来歴医療LLM 72B 臨床版 AWQ int4 アンラーニング済み', 'W'.repeat(80)]) {
      const box = nodeBox(label);
      expect(box.width).toBeLessThanOrEqual(NODE_MAX_WIDTH);
      expect(box.height).toBeLessThanOrEqual(NODE_MAX_HEIGHT);
    }
  });

  it('gives wider boxes to longer and to Japanese labels', () => {
    expect(nodeBox('Meditron').width).toBeLessThan(nodeBox('Meditron-70B GGUF').width);
    expect(nodeBox('ABCD').width).toBeLessThan(nodeBox('退院サマリー').width);
  });

  it('writes "N more" badges short, large counts in thousands', () => {
    expect(moreBadgeBox(37).label).toBe('+37');
    expect(moreBadgeBox(123_456).label).toBe('+123k');
    expect(moreBadgeBox(9999).width).toBeGreaterThan(moreBadgeBox(7).width);
  });
});
