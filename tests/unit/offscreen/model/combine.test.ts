import { describe, expect, it } from 'vitest';
import { EMOTIONS, toProbabilities } from '../../../../src/shared/emotions';
import { combineFrames, meanProbabilities, meanVector, temper } from '../../../../src/offscreen/model/combine';

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

  it('averages views and embeddings class by class, element by element', () => {
    const a = toProbabilities([0.1, 0, 0, 0.7, 0.1, 0, 0.1]);
    const b = toProbabilities([0.3, 0.2, 0, 0.1, 0.3, 0, 0.1]);
    const mean = meanProbabilities([a, b]);
    const expected = toProbabilities([0.2, 0.1, 0, 0.4, 0.2, 0, 0.1]);
    for (const e of EMOTIONS) expect(mean[e]).toBeCloseTo(expected[e]);
    expect(Array.from(meanVector([Float32Array.of(1, 2, 3), Float32Array.of(3, 2, -1)]))).toEqual([2, 2, 1]);
    expect(() => meanProbabilities([])).toThrow();
    expect(() => meanVector([])).toThrow();
  });

  it('tempers without reordering: below 1 surer, above 1 less sure, 1 unchanged', () => {
    const p = toProbabilities([0.1, 0.05, 0.05, 0.5, 0.1, 0.1, 0.1]);
    const sure = temper(p, 0.5);
    const unsure = temper(p, 2);
    expect(EMOTIONS.reduce((s, e) => s + sure[e], 0)).toBeCloseTo(1);
    expect(sure.happy).toBeCloseTo(0.25 / (0.25 + 0.0025 * 2 + 0.01 * 4));
    expect(unsure.happy).toBeLessThan(p.happy);
    expect(EMOTIONS.reduce((s, e) => s + unsure[e], 0)).toBeCloseTo(1);
    for (const e of EMOTIONS) expect(temper(p, 1)[e]).toBeCloseTo(p[e]);
  });
});
