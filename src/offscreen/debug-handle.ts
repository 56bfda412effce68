/**
 * What a debugger attached to this document may read and call, as `globalThis.mooddjDebug`: an
 * offscreen document has no window to look at, so this is how its state is seen (DevTools via
 * chrome://inspect, or the DevTools protocol, which is how the e2e tests, tools/eval and bench
 * read it). Figures about the document's state, and the stages' own entry points exactly as the
 * check calls them; no logic of its own. Measurements that drive these entry points in ways a
 * check never does (forcing a detector path, timing a model on another backend) live with the
 * tools that run them (tools/eval/rig, bench/rig), injected over the same protocol.
 * Nothing in the extension calls it; only the extension's own pages and a debugger can reach an
 * offscreen document's globals; it holds no pixels.
 */
import * as tf from '@tensorflow/tfjs';
import type { Backend } from '../shared/perception';
import { runtimeFromCache } from './assets/packed-wasm';
import { cameraTrackStates } from './capture/camera';
import * as faces from './faces/detector';
import { pickBackend } from './model/backend/pick';
import type { EmotionModelId } from './model/emotion/default-model';
import { EMOTION_MODELS } from './model/emotion/registry';
import { firstLoadTimes, modelsLoaded, modelUrl, tfjsWasmPaths } from './model/load';

export const debugHandle = {
  /** Live TF.js tensors: flat from one check to the next, or something leaks. */
  numTensors: () => tf.memory().numTensors,
  /** The TF.js backend the models run on. */
  backend: () => tf.getBackend(),
  modelsLoaded,
  firstLoad: firstLoadTimes,
  /** Whether MediaPipe's runtime was read back from IndexedDB rather than unpacked. */
  runtimeFromCache,
  detectorPath: faces.detectorPath,
  cameraTrackStates,
  /** The face detector as the check calls it; `load(path)` forces one path, `load()` goes back to the automatic choice. */
  faces: { load: faces.load, detect: faces.detect },
  /** Makes `backend` TF.js's active backend, as the loader picks one, and returns what it got. */
  useBackend: (backend: Backend) => pickBackend({ candidates: [backend], wasmPaths: tfjsWasmPaths() }),
  /** A new, loaded instance of an emotion model, on the active backend; the caller disposes of it. */
  async emotionModel(id: EmotionModelId) {
    const model = EMOTION_MODELS[id]();
    await model.load(modelUrl(model));
    return model;
  },
};

export type DebugHandle = typeof debugHandle;

(globalThis as { mooddjDebug?: DebugHandle }).mooddjDebug = debugHandle;
