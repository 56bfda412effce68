import { EMOTIONS, type Emotion } from '../../src/shared/emotions';
import type { Backend } from '../../src/shared/perception';
import type { ClassStats, Summary, ThresholdRow } from './metrics';

export const ECE_BINS = 15;
export const THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];

/** What `--json` writes; the text report shows the same numbers. */
export interface EvalReport {
  mode: 'classifier' | 'full';
  /** --full only: share of images where no usable face was found, and accuracy counting those as wrong. */
  facesNotFound?: number;
  endToEndAccuracy?: number;
  model: string;
  backend: Backend;
  data: string;
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<Emotion, ClassStats>;
  /** Rows: true class, columns: predicted class, both in `labels` order. */
  confusion: { labels: Emotion[]; matrix: number[][] };
  ece: number;
  eceBins: number;
  meanConfidence: number;
  thresholds: ThresholdRow[];
  imagesPerSecond: number;
  /** Model time only (resize, normalise, inference); decoding is excluded. */
  modelSeconds: number;
  totalSeconds: number;
  unreadable: { file: string; reason: string }[];
  ignoredFolders: string[];
}

export function buildReport(
  summary: Summary,
  rest: Omit<EvalReport, 'mode' | 'n' | 'accuracy' | 'macroF1' | 'perClass' | 'confusion' | 'ece' | 'eceBins' | 'meanConfidence' | 'thresholds'>,
): EvalReport {
  const perClass = {} as Record<Emotion, ClassStats>;
  EMOTIONS.forEach((e, i) => (perClass[e] = summary.perClass[i]));
  return {
    mode: 'classifier',
    model: rest.model,
    backend: rest.backend,
    data: rest.data,
    n: summary.n,
    accuracy: summary.accuracy,
    macroF1: summary.macroF1,
    ece: summary.ece,
    eceBins: ECE_BINS,
    meanConfidence: summary.meanConfidence,
    perClass,
    confusion: { labels: [...EMOTIONS], matrix: summary.confusion },
    thresholds: summary.thresholds,
    imagesPerSecond: rest.imagesPerSecond,
    modelSeconds: rest.modelSeconds,
    totalSeconds: rest.totalSeconds,
    unreadable: rest.unreadable,
    ignoredFolders: rest.ignoredFolders,
  };
}

const pct = (v: number | null) => (v === null ? '    -' : `${(100 * v).toFixed(1).padStart(5)}`);
const pad = (s: string | number, w: number) => String(s).padStart(w);

export function formatReport(r: EvalReport): string {
  const lines: string[] = [];
  lines.push(
    `Model ${r.model} on ${r.backend}, ${r.mode === 'full' ? 'full pipeline (detection, alignment, model) in Chromium' : 'classifier-only'}, data ${r.data}`,
  );
  lines.push(`Images: ${r.n}` + (r.unreadable.length ? ` (${r.unreadable.length} unreadable, skipped)` : ''));
  lines.push(
    `Accuracy: ${pct(r.accuracy).trim()}%   macro-F1: ${pct(r.macroF1).trim()}%   ECE (${r.eceBins} bins): ${pct(r.ece).trim()}%   mean confidence: ${pct(r.meanConfidence).trim()}%`,
  );
  if (r.mode === 'full') {
    lines.push(
      `Faces not found: ${pct(r.facesNotFound ?? 0).trim()}%   end-to-end accuracy (not found counted wrong): ${pct(r.endToEndAccuracy ?? 0).trim()}%`,
    );
    lines.push(`Speed: ${r.imagesPerSecond.toFixed(1)} images/s (whole check per photo), ${r.totalSeconds.toFixed(1)} s in all`);
  } else {
    lines.push(`Speed: ${r.imagesPerSecond.toFixed(0)} images/s (model only), ${r.totalSeconds.toFixed(1)} s in all`);
  }
  lines.push('');
  lines.push(`${'class'.padEnd(9)} ${pad('n', 5)} ${pad('prec%', 6)} ${pad('rec%', 6)} ${pad('F1%', 6)}`);
  for (const e of EMOTIONS) {
    const s = r.perClass[e];
    lines.push(`${e.padEnd(9)} ${pad(s.support, 5)} ${pad(pct(s.precision), 6)} ${pad(pct(s.recall), 6)} ${pad(pct(s.f1), 6)}`);
  }
  lines.push('');
  lines.push('Confusion (rows: true, columns: predicted)');
  const short = r.confusion.labels.map((l) => l.slice(0, 5));
  lines.push(`${''.padEnd(9)} ${short.map((l) => pad(l, 6)).join('')}`);
  r.confusion.matrix.forEach((row, i) => lines.push(`${r.confusion.labels[i].padEnd(9)} ${row.map((v) => pad(v, 6)).join('')}`));
  lines.push('');
  lines.push('Confidence threshold (top probability >= t)');
  lines.push(`${pad('t', 5)} ${pad('kept%', 6)} ${pad('acc%', 6)}`);
  for (const t of r.thresholds) lines.push(`${pad(t.threshold.toFixed(2), 5)} ${pad(pct(t.kept), 6)} ${pad(pct(t.accuracy), 6)}`);
  if (r.ignoredFolders.length) lines.push('', `Ignored folders (not a class): ${r.ignoredFolders.join(', ')}`);
  for (const u of r.unreadable.slice(0, 10)) lines.push(`Unreadable: ${u.file}: ${u.reason}`);
  return lines.join('\n');
}
