import { describe, expect, it } from 'vitest';
import { accuracy, classStats, confusionMatrix, expectedCalibrationError, macroF1, summarize, thresholdTable } from '../../../tools/eval/metrics';

describe('confusion, accuracy and F1', () => {
  // truth:     0 0 1 1 2
  // predicted: 0 1 1 1 0
  const m = confusionMatrix([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], 3);

  it('counts rows as truth and columns as prediction', () => {
    expect(m).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
    expect(accuracy(m)).toBeCloseTo(3 / 5);
  });

  it('gives per-class precision, recall and F1', () => {
    const [a, b, c] = classStats(m);
    expect(a).toEqual({ support: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(b.precision).toBeCloseTo(2 / 3);
    expect(b.recall).toBe(1);
    expect(b.f1).toBeCloseTo(0.8);
    // Never predicted: no precision, and F1 0 because none of its images were found.
    expect(c).toEqual({ support: 1, precision: null, recall: 0, f1: 0 });
    expect(macroF1(classStats(m))).toBeCloseTo((0.5 + 0.8 + 0) / 3);
  });

  it('leaves classes without images out of macro-F1', () => {
    const stats = classStats(confusionMatrix([0, 1], [0, 1], 4));
    expect(stats[2]).toEqual({ support: 0, precision: null, recall: null, f1: null });
    expect(macroF1(stats)).toBe(1);
  });
});

describe('expected calibration error', () => {
  it('is zero when confidence matches accuracy', () => {
    expect(expectedCalibrationError([0.75, 0.75, 0.75, 0.75], [true, true, true, false])).toBeCloseTo(0);
  });

  it('weights each bin gap by its share of images', () => {
    // Bin of 0.9: accuracy 0.5, gap 0.4, half the images; bin of 0.6: accuracy 1, gap 0.4.
    expect(expectedCalibrationError([0.9, 0.9, 0.6, 0.6], [true, false, true, true])).toBeCloseTo(0.4);
  });

  it('handles the ends and keeps neighbouring bins apart', () => {
    expect(expectedCalibrationError([1], [true])).toBeCloseTo(0);
    expect(expectedCalibrationError([0], [false])).toBeCloseTo(0);
    // 0.05 and 0.1 fall in bins 0 and 1 of 15: gaps 0.95 and 0.1, each for half the images.
    // Pooled into one bin they would give |0.5 - 0.075| = 0.425 instead.
    expect(expectedCalibrationError([0.05, 0.1], [true, false], 15)).toBeCloseTo(0.525);
  });
});

describe('threshold table', () => {
  it('reports the share kept and the accuracy among them', () => {
    const rows = thresholdTable([0.2, 0.5, 0.9], [false, true, true], [0.3, 0.5, 0.95]);
    expect(rows[0]).toEqual({ threshold: 0.3, kept: 2 / 3, accuracy: 1 });
    expect(rows[1]).toEqual({ threshold: 0.5, kept: 2 / 3, accuracy: 1 });
    expect(rows[2]).toEqual({ threshold: 0.95, kept: 0, accuracy: null });
  });
});

describe('summarize', () => {
  it('takes the top score as prediction and confidence', () => {
    const s = summarize(
      [0, 1, 1],
      [
        [0.7, 0.3],
        [0.2, 0.8],
        [0.6, 0.4],
      ],
      2,
      [0.65],
    );
    expect(s.n).toBe(3);
    expect(s.confusion).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(s.accuracy).toBeCloseTo(2 / 3);
    expect(s.meanConfidence).toBeCloseTo((0.7 + 0.8 + 0.6) / 3);
    expect(s.thresholds).toEqual([{ threshold: 0.65, kept: 2 / 3, accuracy: 1 }]);
  });
});
