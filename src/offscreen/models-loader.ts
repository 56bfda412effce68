import * as tf from '@tensorflow/tfjs';
import { MoodError } from '../shared/errors';
import type { Backend } from '../shared/perception';
import { pickBackend } from './backend';
import * as faces from './face-detector';
import { BaselineModel } from './models/baseline';
import type { EmotionModel } from './models/emotion-model';
import { MoodDJModel } from './models/mooddj';

/**
 * The emotion model the extension runs: our own (tools/train), which can also explain itself
 * with Grad-CAM; 'baseline' brings back the pre-trained mini-Xception. Both ship in dist/.
 */
export type EmotionModelId = 'mooddj' | 'baseline';
export const EMOTION_MODEL: EmotionModelId = 'mooddj';
const EMOTION_MODELS: Record<EmotionModelId, () => EmotionModel> = {
  mooddj: () => new MoodDJModel(),
  baseline: () => new BaselineModel(),
};

export interface Models {
  backend: Backend;
  emotion: EmotionModel;
  /** Time the first load took; 0 once loaded (warm checks). */
  loadMs: number;
}

let loading: Promise<Models> | null = null;
let loaded = false;

async function loadAll(): Promise<Models> {
  const started = performance.now();
  const backend = await pickBackend({ wasmPaths: chrome.runtime.getURL('tfjs/') });
  const emotion = EMOTION_MODELS[EMOTION_MODEL]();
  await Promise.all([
    emotion.load(chrome.runtime.getURL(`models/${emotion.id}/`)),
    faces.load().catch((err: unknown) => {
      throw Object.assign(new MoodError('model-failed', 'The face detector could not be loaded. Reload the extension and try again.'), { cause: err });
    }),
  ]);
  return { backend, emotion, loadMs: performance.now() - started };
}

/** Loads once per offscreen document; a failed load is retried on the next check. */
export async function loadModels(): Promise<Models> {
  loading ??= loadAll().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  const models = await loading;
  const result = loaded ? { ...models, loadMs: 0 } : models;
  loaded = true;
  return result;
}

// Read by tests through the DevTools protocol (tensor leaks, chosen backend); holds no pixels.
(globalThis as { mooddjDebug?: unknown }).mooddjDebug = {
  numTensors: () => tf.memory().numTensors,
  backend: () => tf.getBackend(),
};
