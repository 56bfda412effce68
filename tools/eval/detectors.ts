/**
 * npx tsx tools/eval/detectors.ts [--data DIR] [--limit N] [--fill F]
 * Compares the two face-detection paths inside the built extension's offscreen document,
 * with TF.js on its wasm backend: per-frame milliseconds of one whole-frame detection
 * (median and 90th percentile) and the share of frames that end with a readable face under
 * the check's own rules. Frames are FER2013 dev faces placed in 640x480 grey frames.
 * Headless Chromium with SwiftShader, so that MediaPipe can make the WebGL context it needs
 * (it still runs its model on the CPU). Prints figures; asserts nothing.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DIST, launchExtension } from '../browser';
import { photoDataUrl } from '../camera/image';
import { evaluateIn, injectRig } from '../rig';
import { listImages } from './dataset';
import type * as DetectorRig from './rig/detector';

const RIG = join(import.meta.dirname, 'rig/detector.ts');

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(import.meta.dirname, '../../../shared/fer2013/dev') },
    limit: { type: 'string', default: '350' },
    fill: { type: 'string', default: '0.42,0.3' },
  },
});

type Measured = { path: string; frames: number; detected: number; found: number; ms: number[] };

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error('dist/ is missing: run `npm run build` first.');
  const { files } = listImages(values.data, Number(values.limit));
  const session = await launchExtension({ extraArgs: ['--enable-unsafe-swiftshader'] });
  try {
    const page = await session.openPopup();
    const wake = async (url: string) => {
      // A photo check opens the offscreen document and loads the models.
      await page.evaluate(
        (u) => chrome.runtime.sendMessage({ target: 'background', name: 'detect', payload: { source: { kind: 'photo', dataUrl: u }, trigger: 'alarm' } }),
        url,
      );
      const target = await session.browser.waitForTarget((t) => t.url().endsWith('/src/offscreen/index.html'), { timeout: 10_000 });
      return target.createCDPSession();
    };
    for (const fill of values.fill.split(',').map(Number)) {
      const urls = files.map((f) => photoDataUrl(f.path, fill));
      const cdp = await wake(urls[0]);
      const backend = await evaluateIn<string>(cdp, 'globalThis.mooddjDebug.backend()');
      const rig = await injectRig<typeof DetectorRig>(cdp, RIG, 'mooddjDetectorRig');
      for (const path of ['mediapipe', 'tfjs'] as const) {
        const all: Measured = { path, frames: 0, detected: 0, found: 0, ms: [] };
        for (let i = 0; i < urls.length; i += 50) {
          const m = await rig('measureDetector', path, urls.slice(i, i + 50));
          all.frames += m.frames;
          all.found += m.found;
          all.detected += m.detected;
          // The first detection of a path includes its warm-up.
          all.ms.push(...(i === 0 ? m.ms.slice(1) : m.ms));
        }
        const side = Math.round(480 * fill);
        console.log(
          `${path.padEnd(9)} TF.js backend ${backend}, faces ${side} px (fill ${fill}): ` +
            `${quantile(all.ms, 0.5).toFixed(1)} ms median, ${quantile(all.ms, 0.9).toFixed(1)} ms p90 per frame; ` +
            `any detection in ${((100 * all.detected) / all.frames).toFixed(1)} %, readable face in ${all.found}/${all.frames} frames (${((100 * all.found) / all.frames).toFixed(1)} %)`,
        );
      }
      await cdp.detach();
    }
  } finally {
    await session.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
