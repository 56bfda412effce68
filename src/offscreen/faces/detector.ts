/**
 * One entry point for face detection with two paths: MediaPipe Tasks (the default) and the
 * same network on TF.js for machines where no WebGL context can be made, where MediaPipe's
 * FaceDetector fails even on its CPU delegate ("reading 'activeTexture'"). The path is
 * chosen once per document, automatically; a MediaPipe path that fails to load falls back.
 */
import * as mediapipe from './mediapipe';
import * as tfjs from './tfjs';
import { REPORTED_CONFIDENCE, type Face } from './types';

export type DetectorPath = 'mediapipe' | 'tfjs';

/** MediaPipe draws the image into a WebGL2 context of its own before running the model. */
export function webglAvailable(): boolean {
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext('webgl2');
    if (!gl) return false;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}

let active: DetectorPath | null = null;
let loading: Promise<DetectorPath> | null = null;
let loadingFor: DetectorPath | 'auto' = 'auto';
/** MediaPipe threw while detecting (e.g. its WebGL context was lost): this document stays on TF.js. */
let mediapipeFailed = false;

async function loadPath(forced: DetectorPath | undefined, tfReady: Promise<unknown>): Promise<DetectorPath> {
  const wanted = forced ?? (webglAvailable() && !mediapipeFailed ? 'mediapipe' : 'tfjs');
  if (wanted === 'mediapipe') {
    try {
      await mediapipe.load();
      return 'mediapipe';
    } catch (err) {
      if (forced) throw err;
      console.warn('MoodDJ: MediaPipe face detector unavailable; using the TF.js one', err);
    }
  }
  // The TF.js detector's weights go to the backend the checks use: wait until it is picked.
  await tfReady;
  await tfjs.load(chrome.runtime.getURL('models/face-tf/'));
  return 'tfjs';
}

/**
 * Loads the detector this machine can run (or `forced`, for measurements). `tfReady` settles
 * once TF.js's backend is set; only the TF.js path waits for it.
 */
export function load(forced?: DetectorPath, tfReady: Promise<unknown> = Promise.resolve()): Promise<DetectorPath> {
  if ((forced ?? 'auto') !== loadingFor) {
    loading = null;
    active = null;
    loadingFor = forced ?? 'auto';
  }
  loading ??= loadPath(forced, tfReady).then(
    (path) => (active = path),
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

export function detectorPath(): DetectorPath | null {
  return active;
}

export { MIN_DETECTION_CONFIDENCE } from './types';

/**
 * Faces in the image, largest first, with scores of at least `minScore`: by default down to the
 * level that tells a face cut by the frame edge; a face is read only from MIN_DETECTION_CONFIDENCE.
 */
export async function detect(image: ImageData, minScore = REPORTED_CONFIDENCE): Promise<Face[]> {
  if (active === 'tfjs') return tfjs.detect(image, minScore);
  if (active === 'mediapipe') {
    try {
      return mediapipe.detect(image).filter((f) => f.score >= minScore);
    } catch (err) {
      if (loadingFor !== 'auto') throw err;
      console.warn('MoodDJ: MediaPipe face detection failed; switching to the TF.js detector', err);
      mediapipeFailed = true;
      loading = null;
      active = null;
      await load();
      return detect(image, minScore);
    }
  }
  throw new Error('face detection used before load() finished');
}
