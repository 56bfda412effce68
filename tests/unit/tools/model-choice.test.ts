import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMOTION_MODEL } from '../../../src/offscreen/model/emotion/default-model';
import { parseArgs, type EvalArgs } from '../../../tools/eval/args';
import { classifierOnly } from '../../../tools/eval/classifier';

const FER_DEV = resolve(import.meta.dirname, '../../../../shared/fer2013/dev');
const MODEL_DIR = resolve(import.meta.dirname, '../../../models/mooddj');

if (!existsSync(FER_DEV)) console.warn(`model-choice.test: ${FER_DEV} not found (see ../shared/README.md), so the FER2013 dev comparison is skipped.`);

/** The training summary of the last cycle behind the committed model (export.py copies them). */
function lastTrainingSummary(): { dev_flip: { acc: number; f1: number } } {
  const stages = readdirSync(MODEL_DIR)
    .map((f) => /^training-summary-stage(\d+)\.json$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  return JSON.parse(readFileSync(join(MODEL_DIR, stages.at(-1)![0]), 'utf8')) as { dev_flip: { acc: number; f1: number } };
}

describe.skipIf(!existsSync(FER_DEV))('the model the extension ships, on all of FER2013 dev', () => {
  const args = (model: string) => parseArgs(['--data', FER_DEV, '--model', model]) as EvalArgs;

  it('is our own, beats the baseline on accuracy and macro-F1, and matches what training measured', async () => {
    expect(EMOTION_MODEL).toBe('mooddj');
    const ours = await classifierOnly(args('mooddj'));
    const baseline = await classifierOnly(args('baseline'));
    expect(ours.n).toBe(baseline.n);
    expect(ours.accuracy).toBeGreaterThan(baseline.accuracy);
    expect(ours.macroF1).toBeGreaterThan(baseline.macroF1);
    // The TypeScript runtime (resize, standardisation, float16 weights, flip averaging) must
    // reproduce the PyTorch figures, or train and runtime preprocessing have drifted apart.
    const trained = lastTrainingSummary().dev_flip;
    expect(Math.abs(ours.accuracy - trained.acc)).toBeLessThan(0.005);
    expect(Math.abs(ours.macroF1 - trained.f1)).toBeLessThan(0.01);
  }, 300_000);
});
