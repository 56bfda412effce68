import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../tools/eval/args';

describe('npm run eval: --model-dir (a model fresh from training, e.g. a GPU run)', () => {
  it('reads the mooddj files from the folder given, and only classifier-only', () => {
    expect(parseArgs(['--data', 'D', '--model-dir', 'OUT'])).toMatchObject({ model: 'mooddj', modelDir: 'OUT' });
    expect(parseArgs(['--data', 'D'])).toMatchObject({ modelDir: null });
    expect(() => parseArgs(['--data', 'D', '--model', 'baseline', '--model-dir', 'OUT'])).toThrow(UsageError);
    expect(() => parseArgs(['--data', 'D', '--full', '--model-dir', 'OUT'])).toThrow(UsageError);
  });
});
