import { describe, expect, it } from 'vitest';
import { toProbabilities } from '../../../src/shared/emotions';
import { combineFrames } from '../../../src/offscreen/combine';

describe('combining frames', () => {
  it('averages and picks the top class', () => {
    const a = toProbabilities([0.1, 0, 0, 0.7, 0.1, 0, 0.1]);
    const b = toProbabilities([0.1, 0, 0, 0.3, 0.5, 0, 0.1]);
    const c = combineFrames([a, b], 0.4);
    expect(c.emotion).toBe('happy');
    expect(c.confidence).toBeCloseTo(0.5);
    expect(c.probabilities.sad).toBeCloseTo(0.3);
    expect(c.notSure).toBe(false);
  });

  it('says not sure below the threshold', () => {
    const flat = toProbabilities([0.2, 0.1, 0.1, 0.15, 0.15, 0.1, 0.2]);
    expect(combineFrames([flat], 0.4).notSure).toBe(true);
    expect(combineFrames([flat], 0.2).notSure).toBe(false);
  });

  it('refuses an empty list', () => {
    expect(() => combineFrames([], 0.4)).toThrow();
  });
});
