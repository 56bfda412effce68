import { EMOTION_MODEL } from '../../src/offscreen/model/emotion/default-model';

/** Command line of `npm run eval`. */

export interface EvalArgs {
  data: string;
  json: string | null;
  model: string;
  /** The mooddj model's files from this folder instead of models/mooddj (null: the committed one). */
  modelDir: string | null;
  limit: number;
  batch: number;
  full: boolean;
  /** --full: place each image in a 640x480 frame at this fraction of its height (null: as is). */
  frame: number | null;
  /** --full: write the images with no usable face here, one "code<TAB>path" a line (null: don't). */
  missed: string | null;
  /** Personal calibration eval with 1..K examples per sequence (null: the plain eval). */
  calibrate: number | null;
  /** With --calibrate: also score this folder for users calibrated on --data's subjects. */
  others: string | null;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm run eval -- --data DIR [--json OUT.json] [--model mooddj|baseline] [--model-dir DIR] [--limit N] [--batch N] [--full [--frame F] [--missed OUT]] [--calibrate K [--others DIR2]]

  --data DIR    folder with class folders among: angry disgust fear happy neutral sad surprise
  --json OUT    also write the results as JSON
  --model ID    emotion model to evaluate: mooddj (ours) or baseline (default: ${EMOTION_MODEL},
                what the extension runs); --full always runs the extension's model
  --model-dir DIR  with mooddj: its model.json + weights.bin from DIR instead of models/mooddj
                (e.g. what tools/train/gpu-run.sh brought back), classifier-only
  --limit N     use at most N images, taken from the classes in turn
  --batch N     images per model call (default: 64)
  --full        run the whole pipeline (face detection, alignment, model) in headless Chromium
                on each image as a photo check; needs \`npm run build\` first
  --frame F     with --full: first place each image in a 640x480 grey frame at F of its
                height (tightly cropped faces such as FER2013 need the margin)
  --missed OUT  with --full: write each image with no usable face to OUT, one
                "error-code<TAB>path" a line (to look at the misses)
  --calibrate K personal calibration: file names S<subject>_<sequence>_<frame>.png; each
                sequence is scored before and after calibrating with k = 1..K frames of each
                of the same subject's other sequences (one sequence never on both sides)
  --others DIR2 with --calibrate: also score DIR2 (e.g. FER2013 dev) as seen by each
                subject of DIR once calibrated: calibration must not cost other faces`;

export function parseArgs(argv: readonly string[]): EvalArgs | 'help' {
  const out: EvalArgs = {
    data: '',
    json: null,
    model: EMOTION_MODEL,
    modelDir: null,
    limit: Infinity,
    batch: 64,
    full: false,
    frame: null,
    missed: null,
    calibrate: null,
    others: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2) as [string, string | undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    const count = (): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number, not "${v}".`);
      return n;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--data':
        out.data = value();
        break;
      case '--json':
        out.json = value();
        break;
      case '--model':
        out.model = value();
        break;
      case '--model-dir':
        out.modelDir = value();
        break;
      case '--limit':
        out.limit = count();
        break;
      case '--batch':
        out.batch = count();
        break;
      case '--full':
        out.full = true;
        break;
      case '--frame': {
        const v = Number(value());
        if (!(v > 0 && v <= 1)) throw new UsageError('--frame must be a fraction in (0, 1], e.g. 0.55.');
        out.frame = v;
        break;
      }
      case '--missed':
        out.missed = value();
        break;
      case '--calibrate':
        out.calibrate = count();
        break;
      case '--others':
        out.others = value();
        break;
      default:
        throw new UsageError(`Unknown option "${argv[i]}".`);
    }
  }
  if (!out.data) throw new UsageError('--data DIR is required.');
  if (out.missed && !out.full) throw new UsageError('--missed needs --full.');
  if (out.others && !out.calibrate) throw new UsageError('--others needs --calibrate K.');
  if (out.modelDir && (out.model !== 'mooddj' || out.full)) throw new UsageError('--model-dir is for --model mooddj, classifier-only.');
  return out;
}
