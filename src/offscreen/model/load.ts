/**
 * The document's models, loaded once: TF.js's backend, the emotion model on it, and the face
 * detector (faces/) alongside, since a check needs both and neither waits for the other.
 */
import { MoodError } from '../../shared/errors';
import type { Backend } from '../../shared/perception';
import { unpackMs } from '../assets/packed-wasm';
import * as faces from '../faces/detector';
import { webglKind, webgpuKind } from './backend/gpu-probe';
import { pickBackend } from './backend/pick';
import { EMOTION_MODEL } from './emotion/default-model';
import type { EmotionModel } from './emotion/emotion-model';
import { EMOTION_MODELS } from './emotion/registry';
import { t } from '../../shared/i18n/t';

export interface Models {
  backend: Backend;
  emotion: EmotionModel;
  /** Time the first load took; 0 once loaded (warm checks). */
  loadMs: number;
}

/** Where tfjs-backend-wasm's binary lies in the extension (tools/build/assets-plugin.ts puts it there). */
export const tfjsWasmPaths = () => chrome.runtime.getURL('tfjs/');

/** The folder of an emotion model's files in the extension. */
export const modelUrl = (model: EmotionModel) => chrome.runtime.getURL(`models/${model.id}/`);

/** When each part of the first load was ready, in ms from its start, whether a warm-up or a check began it. */
export interface LoadTimes {
  backend: number;
  emotion: number;
  faces: number;
  total: number;
  /** Of `faces`: MediaPipe's runtime unpacked (assets/packed-wasm.ts); null on the TF.js detector. */
  unpack: number | null;
}

let loading: Promise<Models> | null = null;
let loaded = false;
let firstLoad: LoadTimes | null = null;

/** How this document's first load went; null until it is done. */
export function firstLoadTimes(): LoadTimes | null {
  return firstLoad;
}

async function loadAll(): Promise<Models> {
  const started = performance.now();
  const emotion = EMOTION_MODELS[EMOTION_MODEL]();
  const backendReady = pickBackend({
    wasmPaths: tfjsWasmPaths(),
    gpu: async () => ({ webgl: webglKind(), webgpu: await webgpuKind() }),
  });
  // MediaPipe does not use TF.js's backend: its runtime unpacks and loads meanwhile.
  const since = () => performance.now() - started;
  const done = { backend: 0, emotion: 0, faces: 0 };
  const [backend] = await Promise.all([
    backendReady.then(async (picked) => {
      done.backend = since();
      await emotion.load(modelUrl(emotion));
      done.emotion = since();
      return picked;
    }),
    faces.load(undefined, backendReady).then(
      () => (done.faces = since()),
      (err: unknown) => {
        throw Object.assign(new MoodError('model-failed', t('error_detector_failed')), { cause: err });
      },
    ),
  ]);
  const loadMs = since();
  firstLoad ??= { ...done, total: loadMs, unpack: unpackMs() };
  return { backend, emotion, loadMs };
}

/** Whether the models are in memory already (the popup shows a one-time progress bar otherwise). */
export function modelsLoaded(): boolean {
  return loaded;
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

let primed: Promise<void> | null = null;

/**
 * Loads the models and runs each once on a blank image, so the first check does not pay for
 * compiling kernels (the first inference on wasm takes several times a later one). Once per
 * document; used by warming, never by a check.
 */
export function warmModels(): Promise<void> {
  primed ??= (async () => {
    const models = await loadModels();
    const side = 128;
    await faces.detect(new ImageData(new Uint8ClampedArray(side * side * 4).fill(128), side, side));
    await models.emotion.predict([{ size: models.emotion.inputSize, data: new Float32Array(models.emotion.inputSize ** 2).fill(0.5) }]);
  })().catch((err: unknown) => {
    primed = null;
    throw err;
  });
  return primed;
}
