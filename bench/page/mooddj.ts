/**
 * MoodDJ's real offscreen pipeline (src/offscreen/check/analyze.ts `analyze`) in a bench page.
 * Per-frame time is the pipeline's own `perFrameMs`, the figure the extension reports.
 */
import './chrome-shim';
import { analyze } from '../../src/offscreen/check/analyze';
import { debugHandle } from '../../src/offscreen/debug-handle';
import { MoodError } from '../../src/shared/errors';
import { serve, toVector, type PageEngine } from './harness';

const signal = new AbortController().signal;

const dataUrlOf = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    // readAsDataURL always yields a string.
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });

const engine: PageEngine<string> = {
  name: 'mooddj',
  async check(frames) {
    try {
      const p = await analyze({ source: { kind: 'camera' }, frames, signal });
      // A MediaPipe that failed to load falls back to the TF.js detector silently: not what is being measured.
      if (debugHandle.detectorPath() !== 'mediapipe') throw new Error(`bench page ran the ${debugHandle.detectorPath()} face detector, not MediaPipe`);
      return { probs: toVector(p.probabilities), loadMs: p.timings.modelLoadMs, error: null };
    } catch (err) {
      if (err instanceof MoodError) return { probs: null, loadMs: null, error: err.code };
      throw err;
    }
  },
  prepare: dataUrlOf,
  async run(dataUrl) {
    try {
      const p = await analyze({ source: { kind: 'photo', dataUrl }, frames: 1, signal });
      return { ms: p.timings.perFrameMs, probs: toVector(p.probabilities) };
    } catch (err) {
      // No face: the pipeline throws before it reports a time.
      if (err instanceof MoodError) return { ms: NaN, probs: null };
      throw err;
    }
  },
  numTensors: () => debugHandle.numTensors(),
  backend: () => debugHandle.backend(),
};

serve(engine);
