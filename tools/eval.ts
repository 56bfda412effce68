/**
 * Measures an emotion model on a folder of labelled images: `npm run eval -- --help`.
 * Classifier-only mode treats each image as an already-aligned face crop and runs the
 * extension's own preprocessing and model code in Node.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs, USAGE, UsageError, type EvalArgs } from './eval/args';
import { calibrationEval, formatCalibration, readClassifier } from './eval/calibrate';
import { classifierOnly } from './eval/classifier';
import { DatasetError } from './eval/dataset';
import { fullPipeline, readFull } from './eval/full';
import { formatReport } from './eval/report';

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
    if (args.calibrate) {
      const report = await calibrationEval(
        { ...args, calibrate: args.calibrate },
        args.full ? readFull : readClassifier,
        args.full ? 'calibrate-full' : 'calibrate-classifier',
      );
      console.log(formatCalibration(report));
      if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2) + '\n');
      return 0;
    }
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
