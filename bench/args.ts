/** Command line of `npm run bench`. */
import { dirname, join } from 'node:path';
import { BENCH_BACKENDS, type BenchBackend } from './page/protocol';

export interface BenchArgs {
  /** FER2013 dev faces for the classifier-only accuracy, classes in turn. */
  limit: number;
  /** Runs per engine and backend (the memory figures are taken after these). */
  checks: number;
  /** Leading runs left out of the timings. */
  warmup: number;
  /** Faces per class in the timing frame set. */
  perClass: number;
  warmChecks: number;
  backends: BenchBackend[];
  photos: string | null;
  json: string;
  /** Only the extension's own figures and its package table (no peers, no accuracy); no README update. */
  extensionOnly: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm run bench -- [--limit N] [--photos DIR] [--checks N] [--per-class N] [--backends wasm,webgl,webgpu] [--json OUT]

  --limit N       FER2013 dev faces for classifier-only accuracy (default 700, classes in turn)
  --photos DIR    also run each full pipeline on the photos in DIR/<class>/ (faces-not-found rate too)
  --checks N      detect+classify runs per engine and backend; memory is read after them (default 200)
  --warmup N      leading runs left out of the per-frame timings (default 10)
  --per-class N   faces per class in the timing frame set (default 10)
  --warm-checks N warm Detect checks per engine (default 3)
  --backends LIST backends to try (default wasm,webgl,webgpu; webgpu runs only on real hardware)
  --json OUT      where the results go (default bench/results.json)
  --extension-only only the extension: popup Detect in parts, photo checks, memory, package by part
                  (a few minutes; writes bench/results-extension.json unless --json, leaves README alone)`;

export function parseArgs(argv: readonly string[], defaultJson: string): BenchArgs | 'help' {
  const out: BenchArgs = {
    limit: 700,
    checks: 200,
    warmup: 10,
    perClass: 10,
    warmChecks: 3,
    backends: [...BENCH_BACKENDS],
    photos: null,
    json: defaultJson,
    extensionOnly: false,
  };
  let jsonGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2) as [string, string | undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    const count = (min: number): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number of at least ${min}, not "${v}".`);
      return n;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--limit':
        out.limit = count(1);
        break;
      case '--checks':
        out.checks = count(1);
        break;
      case '--warmup':
        out.warmup = count(0);
        break;
      case '--per-class':
        out.perClass = count(1);
        break;
      case '--warm-checks':
        out.warmChecks = count(1);
        break;
      case '--photos':
        out.photos = value();
        break;
      case '--json':
        out.json = value();
        jsonGiven = true;
        break;
      case '--extension-only':
        out.extensionOnly = true;
        break;
      case '--backends': {
        const list = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const bad = list.filter((b) => !(BENCH_BACKENDS as readonly string[]).includes(b));
        if (bad.length || !list.length) throw new UsageError(`--backends takes some of ${BENCH_BACKENDS.join(', ')}; got "${bad.join(',')}".`);
        out.backends = list as BenchBackend[];
        break;
      }
      default:
        throw new UsageError(`Unknown option "${argv[i]}".`);
    }
  }
  if (out.warmup >= out.checks) throw new UsageError('--warmup must be smaller than --checks.');
  if (out.extensionOnly && !jsonGiven) out.json = join(dirname(defaultJson), 'results-extension.json');
  return out;
}
