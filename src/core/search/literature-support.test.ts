import { describe, expect, it } from 'vitest';
import { CONTROL_SENTENCES, quantile } from './literature-support.ts';

describe('support threshold', () => {
  it('takes quantiles of the control scores', () => {
    const values = Array.from({ length: 100 }, (_, i) => i / 100);
    expect(quantile(values, 0.95)).toBeCloseTo(0.94);
    expect(quantile([0.3], 0.95)).toBe(0.3);
    expect(quantile([], 0.95)).toBeNaN();
  });

  it('has off-topic controls in both languages', () => {
    const ja = CONTROL_SENTENCES.filter((s) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s));
    expect(ja.length).toBeGreaterThanOrEqual(15);
    expect(CONTROL_SENTENCES.length - ja.length).toBeGreaterThanOrEqual(15);
  });
});
