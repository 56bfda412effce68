import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, formatRatio, isBehind, median, quantile, ratio, runOrder, summarizeTimings, tally } from '../../../bench/stats';

describe('quantiles', () => {
  it('median of odd and even counts, in any order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('p90 interpolates between order statistics like numpy', () => {
    // numpy.percentile(range(1, 11), 90) == 9.1
    expect(quantile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.9)).toBeCloseTo(9.1);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([1, 2], 0)).toBe(1);
    expect(quantile([1, 2], 1)).toBe(2);
  });

  it('is NaN without samples and refuses a q outside 0..1', () => {
    expect(quantile([], 0.5)).toBeNaN();
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });

  it("does not reorder the caller's array", () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('summarizeTimings', () => {
  it('leaves the warm-up out', () => {
    const s = summarizeTimings([500, 400, 10, 20, 30], 2);
    expect(s).toEqual({ n: 3, median: 20, p90: 28, min: 10, max: 30 });
  });

  it('reports nothing rather than a wrong number when every sample is warm-up', () => {
    const s = summarizeTimings([1, 2], 5);
    expect(s.n).toBe(0);
    expect(s.median).toBeNaN();
  });
});

describe('ratios', () => {
  it('is ours over theirs, unknown when either side is missing or theirs is 0', () => {
    expect(ratio(10, 40)).toBe(0.25);
    expect(ratio(null, 40)).toBeNull();
    expect(ratio(10, undefined)).toBeNull();
    expect(ratio(NaN, 1)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
  });

  it('formats with two significant digits', () => {
    expect(formatRatio(0.3114)).toBe('0.31×');
    expect(formatRatio(1)).toBe('1.00×');
    expect(formatRatio(15.44)).toBe('15.4×');
    expect(formatRatio(123.4)).toBe('123×');
    expect(formatRatio(null)).toBe('—');
  });

  it('knows which way is better', () => {
    expect(isBehind(1.2, 'lower')).toBe(true);
    expect(isBehind(0.8, 'lower')).toBe(false);
    expect(isBehind(0.8, 'higher')).toBe(true);
    expect(isBehind(1, 'higher')).toBe(false);
    expect(isBehind(null, 'lower')).toBe(false);
  });
});

describe('units', () => {
  it('milliseconds and bytes', () => {
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(1234.5)).toBe('1235 ms');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatMs(null)).toBe('—');
    expect(formatBytes(15_151_000)).toBe('15.15 MB');
    expect(formatBytes(2_500)).toBe('2.5 kB');
  });
});

describe('tally and run order', () => {
  it('counts right, wrong and no face', () => {
    const t = tally([0, 1, 2, 1], [[0.9, 0.1, 0], [0.6, 0.4, 0], null, [0, 1, 0]]);
    expect(t).toEqual({ n: 4, correct: 2, notFound: 1 });
  });

  it('cycles through the frame set', () => {
    expect(runOrder(3, 7)).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });
});
