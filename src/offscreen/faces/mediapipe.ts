/**
 * Finds faces with MediaPipe Tasks' FaceDetector (BlazeFace short range), entirely from
 * files inside the extension: the wasm runtime under mediapipe/wasm (packed, see
 * assets/packed-wasm.ts) and the model that tools/build/face-model.ts generates.
 */
import { FaceDetector, type Detection } from '@mediapipe/tasks-vision';
import { MoodError, withDetail } from '../../shared/errors';
import { t } from '../../shared/i18n/t';
import { REPORTED_CONFIDENCE, type Face } from './types';
import { MEDIAPIPE_WASM_DIR, VISION_LOADER, VISION_WASM_PACKED } from '../assets/mediapipe-files';
import { unpackedWasmUrl } from '../assets/packed-wasm';

export type { Face, Point } from './types';

export type DetectInput = HTMLCanvasElement | OffscreenCanvas | ImageData | HTMLVideoElement | ImageBitmap;

let detector: FaceDetector | null = null;
let loading: Promise<void> | null = null;

/** tasks-vision does not export the fileset's type. */
type WasmFileset = Parameters<typeof FaceDetector.createFromOptions>[0];

/** Where the detector's runtime and model come from. */
export interface DetectorFiles {
  fileset: WasmFileset;
  modelUrl: string;
  /** Called once the detector is made or has failed: the files need not stay around. */
  release?: () => void;
}

/** The extension's own: the packed runtime made loadable by assets/, the model tools/build/face-model.ts generates. */
async function extensionFiles(): Promise<DetectorFiles> {
  const base = chrome.runtime.getURL(MEDIAPIPE_WASM_DIR);
  const wasmBinaryPath = await unpackedWasmUrl(`${base}/${VISION_WASM_PACKED}`);
  return {
    fileset: { wasmLoaderPath: `${base}/${VISION_LOADER}`, wasmBinaryPath },
    modelUrl: chrome.runtime.getURL('models/face_detection_short_range.tflite'),
    // Instantiated by then (or failed): the unpacked bytes need not stay around.
    release: () => URL.revokeObjectURL(wasmBinaryPath),
  };
}

/** Loads once; `files` are the extension's own unless a page outside it serves them (an http page has no chrome.runtime). */
export function load(files: () => Promise<DetectorFiles> = extensionFiles): Promise<void> {
  if (loading) return loading;
  const attempt: Promise<void> = create(files).then(
    (created) => {
      // close() while loading: nobody wants this detector any more.
      if (loading === attempt) detector = created;
      else created.close();
    },
    (err: unknown) => {
      // Forget the failure so a later check can retry (e.g. after the extension updated).
      if (loading === attempt) loading = null;
      const detail = err instanceof Error ? err.message : String(err);
      throw new MoodError('model-failed', withDetail(t('error_detector_failed'), detail));
    },
  );
  loading = attempt;
  return attempt;
}

async function create(files: () => Promise<DetectorFiles>): Promise<FaceDetector> {
  const { fileset, modelUrl, release } = await files();
  try {
    return await FaceDetector.createFromOptions(fileset, {
      baseOptions: {
        modelAssetPath: modelUrl,
        // The GPU delegate needs WebGL2 in a document nobody sees, which fails or falls back to
        // software on blocklisted GPUs and headless machines; the 128x128 model takes a few
        // milliseconds on wasm SIMD, less than a GPU upload and readback would.
        delegate: 'CPU',
      },
      runningMode: 'IMAGE',
      minDetectionConfidence: REPORTED_CONFIDENCE,
    });
  } finally {
    release?.();
  }
}

function sizeOf(image: DetectInput): { width: number; height: number } {
  if (typeof HTMLVideoElement !== 'undefined' && image instanceof HTMLVideoElement) {
    return { width: image.videoWidth, height: image.videoHeight };
  }
  return { width: image.width, height: image.height };
}

function toFace(d: Detection, width: number, height: number): Face {
  const b = d.boundingBox ?? { originX: 0, originY: 0, width: 0, height: 0 };
  const keypoints = d.keypoints.map((k) => ({ x: k.x * width, y: k.y * height }));
  return {
    box: { x: b.originX, y: b.originY, width: b.width, height: b.height },
    score: d.categories[0]?.score ?? 0,
    rightEye: keypoints[0],
    leftEye: keypoints[1],
    keypoints,
  };
}

/** Faces in the image, largest first. Call `load` first. */
export function detect(image: DetectInput): Face[] {
  if (!detector) throw new Error('face detector used before load() finished');
  const { width, height } = sizeOf(image);
  if (!width || !height) return [];
  return detector
    .detect(image)
    .detections.filter((d) => d.keypoints.length >= 2)
    .map((d) => toFace(d, width, height))
    .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
}

export function close(): void {
  detector?.close();
  detector = null;
  loading = null;
}
