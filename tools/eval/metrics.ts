/**
 * Classification metrics over class indices 0..k-1. Pure functions, so each is checked
 * by hand in tests/unit/tools/metrics.test.ts.
 */

export interface ClassStats {
  /** Images whose true class this is. */
  support: number;
  /** Null when the class was never predicted. */
  precision: number | null;
  /** Null when the class has no images. */
  recall: number | null;
  f1: number | null;
}

export interface ThresholdRow {
  threshold: number;
  /** Fraction of images whose top probability is at least the threshold. */
  kept: number;
  /** Accuracy on the kept images; null when none are kept. */
  accuracy: number | null;
}

/** matrix[t][p]: images of true class t predicted as p. */
export function confusionMatrix(truth: readonly number[], predicted: readonly number[], k: number): number[][] {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  truth.forEach((t, i) => m[t][predicted[i]]++);
  return m;
}

export function accuracy(matrix: number[][]): number {
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  return total ? matrix.reduce((sum, row, i) => sum + row[i], 0) / total : 0;
}

export function classStats(matrix: number[][]): ClassStats[] {
  return matrix.map((row, c) => {
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((sum, r) => sum + r[c], 0);
    const hit = row[c];
    const precision = predicted ? hit / predicted : null;
    const recall = support ? hit / support : null;
    // A class with images but no correct prediction scores 0, like scikit-learn.
    const f1 = recall === null ? null : hit ? (2 * precision! * recall) / (precision! + recall) : 0;
    return { support, precision, recall, f1 };
  });
}

/**
 * Mean F1 over the classes that have images. Classes absent from the data set are left
 * out rather than counted as 0, so evaluating a subset of classes stays meaningful.
 */
export function macroF1(stats: ClassStats[]): number {
  const scored = stats.filter((s) => s.support > 0);
  return scored.length ? scored.reduce((sum, s) => sum + (s.f1 ?? 0), 0) / scored.length : 0;
}

/**
 * Expected calibration error (Guo et al. 2017): images binned by top probability into
 * equal-width bins (lower edge open, so 0 joins the first), then the |accuracy - mean
 * confidence| gap of each bin, weighted by its share of the images.
 */
export function expectedCalibrationError(confidence: readonly number[], correct: readonly boolean[], bins = 15): number {
  const n = confidence.length;
  if (!n) return 0;
  const count = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  confidence.forEach((c, i) => {
    const b = Math.min(bins - 1, Math.max(0, Math.ceil(c * bins) - 1));
    count[b]++;
    conf[b] += c;
    if (correct[i]) hits[b]++;
  });
  return count.reduce((sum, m, b) => (m ? sum + Math.abs(hits[b] - conf[b]) / n : sum), 0);
}

export function thresholdTable(confidence: readonly number[], correct: readonly boolean[], thresholds: readonly number[]): ThresholdRow[] {
  const n = confidence.length;
  return thresholds.map((threshold) => {
    let kept = 0;
    let right = 0;
    confidence.forEach((c, i) => {
      if (c >= threshold) {
        kept++;
        if (correct[i]) right++;
      }
    });
    return { threshold, kept: n ? kept / n : 0, accuracy: kept ? right / kept : null };
  });
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

export interface Summary {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: ClassStats[];
  confusion: number[][];
  ece: number;
  /** Mean top probability; above accuracy means the model is overconfident. */
  meanConfidence: number;
  thresholds: ThresholdRow[];
}

/** Every metric for a run; `scores[i]` holds image i's probability per class index. */
export function summarize(truth: readonly number[], scores: readonly ArrayLike<number>[], k: number, thresholds: readonly number[], eceBins = 15): Summary {
  const predicted = scores.map(argmax);
  const confidence = scores.map((s, i) => s[predicted[i]]);
  const correct = predicted.map((p, i) => p === truth[i]);
  const confusion = confusionMatrix(truth, predicted, k);
  const perClass = classStats(confusion);
  return {
    n: truth.length,
    accuracy: accuracy(confusion),
    macroF1: macroF1(perClass),
    perClass,
    confusion,
    ece: expectedCalibrationError(confidence, correct, eceBins),
    meanConfidence: confidence.length ? confidence.reduce((a, b) => a + b, 0) / confidence.length : 0,
    thresholds: thresholdTable(confidence, correct, thresholds),
  };
}
