/** Classifier-only evaluation: each image is an already-aligned face crop, run through the
 * extension's own preprocessing and model code in Node. Shared by `npm run eval` and tests. */
import { performance } from 'node:perf_hooks';
import type { FaceCrop } from '../../src/offscreen/faces/crop';
import { EMOTIONS } from '../../src/shared/emotions';
import { UsageError, type EvalArgs } from './args';
import { DatasetError, listImages, loadCrop } from './dataset';
import { summarize } from './metrics';
import { EVAL_MODELS, pickNodeBackend } from './node-models';
import { buildReport, ECE_BINS, THRESHOLDS, type EvalReport } from './report';

export async function classifierOnly(args: EvalArgs): Promise<EvalReport> {
  const started = performance.now();
  const spec = EVAL_MODELS[args.model];
  if (!spec) throw new UsageError(`Unknown model "${args.model}". Known: ${Object.keys(EVAL_MODELS).join(', ')}.`);
  const { files, ignored } = listImages(args.data, args.limit);

  const crops: FaceCrop[] = [];
  const truth: number[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  for (const f of files) {
    try {
      crops.push(loadCrop(f.path));
      truth.push(EMOTIONS.indexOf(f.truth));
    } catch (err) {
      unreadable.push({ file: f.path, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  if (!crops.length) throw new DatasetError(`None of the ${files.length} images in ${args.data} could be read.`);

  const backend = await pickNodeBackend((b, why) => console.warn(`(${b} backend unavailable: ${why})`));
  const model = spec.create();
  await model.load(spec.source(args.modelDir ?? undefined));
  try {
    // One untimed call first: the first run on a backend compiles kernels.
    await model.predict(crops.slice(0, 1));
    const scores: number[][] = [];
    const modelStart = performance.now();
    for (let i = 0; i < crops.length; i += args.batch) {
      const probs = await model.predict(crops.slice(i, i + args.batch));
      for (const p of probs) scores.push(EMOTIONS.map((e) => p[e]));
    }
    const modelSeconds = (performance.now() - modelStart) / 1000;
    const summary = summarize(truth, scores, EMOTIONS.length, THRESHOLDS, ECE_BINS);
    return buildReport(summary, {
      model: args.modelDir ? `${model.id} from ${args.modelDir}` : model.id,
      backend,
      data: args.data,
      imagesPerSecond: crops.length / modelSeconds,
      modelSeconds,
      totalSeconds: (performance.now() - started) / 1000,
      unreadable,
      ignoredFolders: ignored,
    });
  } finally {
    model.dispose();
  }
}
