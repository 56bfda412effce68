/**
 * `npm run eval -- --data DIR --calibrate K`: how much a user's own examples help. For each
 * subject (file names S<subject>_<sequence>_<frame>.png), each sequence in turn is scored
 * while up to k frames of each of the subject's other sequences calibrate, for k = 1..K.
 * A sequence's frames are near-duplicates, so one sequence never sits on both sides.
 */
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addExample, personalise, prototypes, roundEmbedding, type CalibrationExample, type Prototype } from '../../src/shared/calibration';
import { EMOTIONS, type Emotion, type Probabilities } from '../../src/shared/emotions';
import { UsageError, type EvalArgs } from './args';
import { DatasetError, listImages, loadCrop, type ImageFile } from './dataset';
import { argmax, summarize } from './metrics';
import { EVAL_MODELS, pickNodeBackend } from './node-models';
import { THRESHOLDS } from './report';

/** One face, read by the generic model: numbers only. */
export interface Reading {
  file: string;
  truth: Emotion;
  subject: string;
  sequence: string;
  probabilities: Probabilities;
  embedding: Float32Array;
}

const NAME = /^S(\d+)_(\d+)_(\d+)\.(png|jpe?g)$/i;

export function subjectOf(path: string): { subject: string; sequence: string; frame: number } | null {
  const m = NAME.exec(basename(path));
  return m ? { subject: m[1], sequence: `${m[1]}_${m[2]}`, frame: Number(m[3]) } : null;
}

interface Scores {
  accuracy: number;
  macroF1: number;
}

export interface CalibrationRow {
  k: number;
  /** Faces scored (those of subjects with at least one other sequence). */
  n: number;
  subjects: number;
  uncalibrated: Scores;
  calibrated: Scores;
  /** Share of the faces the generic model got right that calibration got wrong, and the reverse. */
  rightMadeWrong: number;
  wrongMadeRight: number;
}

export interface OtherFacesRow {
  k: number;
  data: string;
  n: number;
  /** Users simulated: each calibrated subject of --data, applied to every face of --others. */
  users: number;
  uncalibrated: Scores;
  /** Mean over users; worst is the user whose calibration cost the most. */
  calibrated: Scores & { worstAccuracy: number; bestAccuracy: number };
}

export interface CalibrationReport {
  mode: 'calibrate-classifier' | 'calibrate-full';
  model: string;
  data: string;
  /** Per subject, k frames of each of the subject's other sequences calibrate (the protocol). */
  rows: CalibrationRow[];
  /**
   * Per subject, k faces per mood from k other subjects calibrate (one frame per sequence): the
   * scored face's own mood is calibrated, which the per-subject protocol cannot do on CK+.
   */
  crossSubject: CalibrationRow[];
  otherFaces: OtherFacesRow[];
  skipped: { file: string; reason: string }[];
  totalSeconds: number;
}

const scores = (truth: number[], probs: Probabilities[]): Scores => {
  const s = summarize(
    truth,
    probs.map((p) => EMOTIONS.map((e) => p[e])),
    EMOTIONS.length,
    THRESHOLDS,
  );
  return { accuracy: s.accuracy, macroF1: s.macroF1 };
};

const top = (p: Probabilities) => argmax(EMOTIONS.map((e) => p[e]));

function exampleOf(r: Reading, i: number): CalibrationExample {
  return { emotion: r.truth, embedding: roundEmbedding(r.embedding), output: r.probabilities, at: i, source: 'calibration' };
}

/** Up to k frames (in frame order) of each sequence in `readings`, as the product stores them. */
export function calibrationSet(readings: readonly Reading[], k: number): Prototype[] {
  const bySeq = new Map<string, Reading[]>();
  for (const r of readings) bySeq.set(r.sequence, [...(bySeq.get(r.sequence) ?? []), r]);
  let examples: CalibrationExample[] = [];
  let i = 0;
  for (const seq of [...bySeq.values()]) for (const r of seq.slice(0, k)) examples = addExample(examples, exampleOf(r, i++));
  return prototypes(examples);
}

function compare(k: number, subjects: number, scored: { truth: Emotion; before: Probabilities; after: Probabilities }[]): CalibrationRow {
  if (!scored.length) throw new DatasetError('No subject has two or more sequences, so nothing can be scored after calibrating.');
  const truth = scored.map((x) => EMOTIONS.indexOf(x.truth));
  let rightMadeWrong = 0;
  let wrongMadeRight = 0;
  scored.forEach((x, i) => {
    const was = top(x.before) === truth[i];
    const is = top(x.after) === truth[i];
    if (was && !is) rightMadeWrong++;
    if (!was && is) wrongMadeRight++;
  });
  return {
    k,
    n: scored.length,
    subjects,
    uncalibrated: scores(
      truth,
      scored.map((x) => x.before),
    ),
    calibrated: scores(
      truth,
      scored.map((x) => x.after),
    ),
    rightMadeWrong: rightMadeWrong / scored.length,
    wrongMadeRight: wrongMadeRight / scored.length,
  };
}

const bySubject = (readings: readonly Reading[]) => {
  const out = new Map<string, Reading[]>();
  for (const r of readings) out.set(r.subject, [...(out.get(r.subject) ?? []), r]);
  return out;
};

export function calibrationRow(readings: readonly Reading[], k: number): CalibrationRow {
  const scored: { truth: Emotion; before: Probabilities; after: Probabilities }[] = [];
  const subjects = new Set<string>();
  for (const [subject, mine] of bySubject(readings)) {
    for (const sequence of new Set(mine.map((r) => r.sequence))) {
      const protos = calibrationSet(
        mine.filter((r) => r.sequence !== sequence),
        k,
      );
      if (!protos.length) continue;
      subjects.add(subject);
      for (const r of mine.filter((x) => x.sequence === sequence)) {
        scored.push({ truth: r.truth, before: r.probabilities, after: personalise(r.probabilities, r.embedding, protos).probabilities });
      }
    }
  }
  return compare(k, subjects.size, scored);
}

/** For each subject, each mood's first frame of k sequences by the subjects that follow it (in id order, wrapping). */
export function crossSubjectRow(readings: readonly Reading[], k: number): CalibrationRow {
  const groups = bySubject(readings);
  const ids = [...groups.keys()].sort();
  const scored: { truth: Emotion; before: Probabilities; after: Probabilities }[] = [];
  ids.forEach((subject, at) => {
    const others = [...ids.slice(at + 1), ...ids.slice(0, at)].map((id) => groups.get(id)!);
    const chosen: Reading[] = [];
    for (const emotion of EMOTIONS) {
      const firsts = others.flatMap((rs) => {
        const seq = rs.filter((r) => r.truth === emotion);
        return seq.length ? [seq[0]] : [];
      });
      chosen.push(...firsts.slice(0, k));
    }
    const protos = calibrationSet(chosen, 1);
    for (const r of groups.get(subject)!)
      scored.push({ truth: r.truth, before: r.probabilities, after: personalise(r.probabilities, r.embedding, protos).probabilities });
  });
  return compare(k, ids.length, scored);
}

/** Each subject of `users` calibrates with k frames per sequence; every face of `others` is scored with it. */
export function otherFacesRow(users: readonly Reading[], others: readonly Reading[], k: number, data: string): OtherFacesRow {
  const truth = others.map((r) => EMOTIONS.indexOf(r.truth));
  const uncalibrated = scores(truth, [...others.map((r) => r.probabilities)]);
  const perUser: Scores[] = [];
  for (const subject of new Set(users.map((r) => r.subject))) {
    const protos = calibrationSet(
      users.filter((r) => r.subject === subject),
      k,
    );
    perUser.push(
      scores(
        truth,
        others.map((r) => personalise(r.probabilities, r.embedding, protos).probabilities),
      ),
    );
  }
  const accs = perUser.map((s) => s.accuracy);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    k,
    data,
    n: others.length,
    users: perUser.length,
    uncalibrated,
    calibrated: { accuracy: mean(accs), macroF1: mean(perUser.map((s) => s.macroF1)), worstAccuracy: Math.min(...accs), bestAccuracy: Math.max(...accs) },
  };
}

/** The generic model's reading of every image, in Node (classifier-only: images are aligned crops). */
export async function readClassifier(
  files: readonly ImageFile[],
  args: EvalArgs,
  skipped: { file: string; reason: string }[],
): Promise<Omit<Reading, 'subject' | 'sequence'>[]> {
  const spec = EVAL_MODELS[args.model];
  if (!spec) throw new UsageError(`Unknown model "${args.model}". Known: ${Object.keys(EVAL_MODELS).join(', ')}.`);
  await pickNodeBackend((b, why) => console.warn(`(${b} backend unavailable: ${why})`));
  const model = spec.create();
  if (!model.predictWithEmbeddings) throw new UsageError(`Model "${args.model}" exposes no embedding, so it cannot be calibrated.`);
  await model.load(spec.source(args.modelDir ?? undefined));
  const out: Omit<Reading, 'subject' | 'sequence'>[] = [];
  try {
    for (let i = 0; i < files.length; i += args.batch) {
      const batch: { file: ImageFile; crop: ReturnType<typeof loadCrop> }[] = [];
      for (const file of files.slice(i, i + args.batch)) {
        try {
          batch.push({ file, crop: loadCrop(file.path) });
        } catch (err) {
          skipped.push({ file: file.path, reason: err instanceof Error ? err.message : String(err) });
        }
      }
      const { probabilities, embeddings } = await model.predictWithEmbeddings(batch.map((b) => b.crop));
      batch.forEach((b, j) => out.push({ file: b.file.path, truth: b.file.truth, probabilities: probabilities[j], embedding: embeddings[j] }));
    }
  } finally {
    model.dispose();
  }
  return out;
}

type Reader = (files: readonly ImageFile[], args: EvalArgs, skipped: { file: string; reason: string }[]) => Promise<Omit<Reading, 'subject' | 'sequence'>[]>;

function withSubjects(readings: Omit<Reading, 'subject' | 'sequence'>[], skipped: { file: string; reason: string }[]): Reading[] {
  const out: Reading[] = [];
  for (const r of readings) {
    const id = subjectOf(r.file);
    if (id) out.push({ ...r, subject: id.subject, sequence: id.sequence });
    else skipped.push({ file: r.file, reason: 'name is not S<subject>_<sequence>_<frame>' });
  }
  return out;
}

export async function calibrationEval(
  args: EvalArgs & { calibrate: number; others: string | null },
  read: Reader,
  mode: CalibrationReport['mode'],
): Promise<CalibrationReport> {
  const started = performance.now();
  const skipped: { file: string; reason: string }[] = [];
  const { files } = listImages(args.data, args.limit);
  const readings = withSubjects(await read(files, args, skipped), skipped);
  if (!readings.length) throw new DatasetError(`No image in ${args.data} is named S<subject>_<sequence>_<frame>.png, so no subject can be calibrated.`);
  const ks = Array.from({ length: args.calibrate }, (_, i) => i + 1);
  const rows = ks.map((k) => calibrationRow(readings, k));
  const crossSubject = ks.map((k) => crossSubjectRow(readings, k));
  let otherFaces: OtherFacesRow[] = [];
  if (args.others) {
    const others = await read(listImages(args.others, args.limit).files, args, skipped);
    otherFaces = ks.map((k) =>
      otherFacesRow(
        readings,
        others.map((r) => ({ ...r, subject: '', sequence: '' })),
        k,
        args.others!,
      ),
    );
  }
  return { mode, model: args.model, data: args.data, rows, crossSubject, otherFaces, skipped, totalSeconds: (performance.now() - started) / 1000 };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export function formatCalibration(r: CalibrationReport): string {
  const lines = [`Personal calibration, ${r.mode === 'calibrate-full' ? 'full pipeline' : 'classifier-only'}, model ${r.model}, data ${r.data}`];
  const table = (title: string, rows: CalibrationRow[]) => {
    lines.push(title);
    lines.push(
      `${'k'.padStart(2)} ${'faces'.padStart(6)} ${'subj'.padStart(5)}   ${'acc before'.padStart(10)} ${'after'.padStart(7)}   ${'F1 before'.padStart(9)} ${'after'.padStart(7)}   right->wrong  wrong->right`,
    );
    for (const row of rows) {
      lines.push(
        `${String(row.k).padStart(2)} ${String(row.n).padStart(6)} ${String(row.subjects).padStart(5)}   ${pct(row.uncalibrated.accuracy).padStart(10)} ${pct(row.calibrated.accuracy).padStart(7)}   ${pct(row.uncalibrated.macroF1).padStart(9)} ${pct(row.calibrated.macroF1).padStart(7)}   ${pct(row.rightMadeWrong).padStart(12)}  ${pct(row.wrongMadeRight).padStart(12)}`,
      );
    }
  };
  table("Own examples: each sequence scored with k frames of each of the same subject's other sequences.", r.rows);
  table('Examples of the same moods by k other people (first frame of one sequence each):', r.crossSubject);
  for (const o of r.otherFaces) {
    lines.push(
      `Other faces (${o.data}, ${o.n} faces, ${o.users} users, k=${o.k}): accuracy ${pct(o.uncalibrated.accuracy)} -> mean ${pct(o.calibrated.accuracy)} (worst user ${pct(o.calibrated.worstAccuracy)}, best ${pct(o.calibrated.bestAccuracy)}); macro-F1 ${pct(o.uncalibrated.macroF1)} -> ${pct(o.calibrated.macroF1)}`,
    );
  }
  if (r.skipped.length) lines.push(`Skipped ${r.skipped.length} images, e.g. ${r.skipped[0].file}: ${r.skipped[0].reason}`);
  lines.push(`${r.totalSeconds.toFixed(1)} s in all`);
  return lines.join('\n');
}
