/**
 * Measures an emotion model on a folder of labelled images: `npm run eval -- --help`.
 * Classifier-only mode treats each image as an already-aligned face crop and runs the
 * extension's own preprocessing and model code in Node.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { EMOTIONS } from '../src/shared/emotions';
import type { FaceCrop } from '../src/offscreen/face-crop';
import { parseArgs, USAGE, UsageError, type EvalArgs } from './eval/args';
import { DatasetError, listImages, loadCrop } from './eval/dataset';
import { summarize } from './eval/metrics';
import { EVAL_MODELS, pickNodeBackend } from './eval/node-models';
import { fullPipeline } from './eval/full';
import { buildReport, ECE_BINS, formatReport, THRESHOLDS, type EvalReport } from './eval/report';

async function classifierOnly(args: EvalArgs): Promise<EvalReport> {
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
  await model.load(spec.source());
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
      model: model.id,
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

async function main(argv: string[]): Promise<number> {
  let args: EvalArgs;
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      console.log(USAGE);
      return 0;
    }
    args = parsed;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\n${USAGE}`);
    return 1;
  }
  try {
    const report = args.full ? await fullPipeline(args) : await classifierOnly(args);
    console.log(formatReport(report));
    if (args.json) {
      writeFileSync(args.json, JSON.stringify(report, null, 2) + '\n');
      console.log(`\nWrote ${args.json}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof DatasetError || err instanceof UsageError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

// `npm run eval ... | head` closes stdout early; that is not a failure worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
process.exitCode = await main(process.argv.slice(2));
