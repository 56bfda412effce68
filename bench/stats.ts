/** Timing summaries and ratio formatting for `npm run bench`; pure, so unit-tested. */

/**
 * Quantile with linear interpolation between order statistics (numpy's default), so a
 * p90 of few samples is not just the largest one. NaN for no samples.
 */
export function quantile(samples: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside 0..1`);
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

export interface TimingSummary {
  /** Samples kept after the warm-up. */
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

/** The first `warmup` samples pay for kernel compilation and caches, so they are left out. */
export function summarizeTimings(samples: readonly number[], warmup: number): TimingSummary {
  const kept = samples.slice(Math.max(0, warmup));
  return {
    n: kept.length,
    median: median(kept),
    p90: quantile(kept, 0.9),
    min: kept.length ? Math.min(...kept) : NaN,
    max: kept.length ? Math.max(...kept) : NaN,
  };
}

const known = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** MoodDJ's figure over a peer's; null when either is unknown or the peer's is 0. */
export function ratio(ours: number | null | undefined, theirs: number | null | undefined): number | null {
  if (!known(ours) || !known(theirs) || theirs === 0) return null;
  return ours / theirs;
}

/** Two significant digits is all a contended machine's timings support. */
export function formatRatio(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return '—';
  const digits = r >= 100 ? 0 : r >= 10 ? 1 : 2;
  return `${r.toFixed(digits)}×`;
}

/** Whether MoodDJ is worse than the peer on a figure, given which direction is better. */
export function isBehind(r: number | null, better: 'lower' | 'higher'): boolean {
  if (r === null) return false;
  return better === 'lower' ? r > 1 : r < 1;
}

export function formatMs(ms: number | null | undefined): string {
  if (!known(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** Decimal megabytes, as download sizes are usually given. */
export function formatBytes(bytes: number | null | undefined): string {
  if (!known(bytes)) return '—';
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(2)} MB`;
  return `${(bytes / 1e3).toFixed(1)} kB`;
}

export function formatPercent(v: number | null | undefined): string {
  return known(v) ? `${(100 * v).toFixed(1)}%` : '—';
}

export function formatCount(v: number | null | undefined): string {
  return known(v) ? String(Math.round(v)) : '—';
}

/** Right / wrong / no face over a pass of labelled images; `truth` holds class indices. */
export function tally(truth: readonly number[], probs: readonly (readonly number[] | null)[]): { n: number; correct: number; notFound: number } {
  let correct = 0;
  let notFound = 0;
  truth.forEach((t, i) => {
    const p = probs[i];
    if (!p) notFound++;
    else if (p.indexOf(Math.max(...p)) === t) correct++;
  });
  return { n: truth.length, correct, notFound };
}

/** The order of runs: the frame set again and again, `total` runs in all. */
export function runOrder(frames: number, total: number): number[] {
  return Array.from({ length: total }, (_, i) => i % frames);
}
