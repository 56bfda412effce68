/**
 * Training crops cut by the product itself: every image of a FER2013 split is placed in a
 * 640x480 photo (as the e2e tests and `npm run eval -- --full --frame F` do), sent through
 * the built extension's photo check (MediaPipe detection, our alignment and crop), and the
 * centred crop the pipeline handed the model (src/offscreen/faces/views.ts) is saved as PNG under --out,
 * outside the repository.
 * Faces the pipeline does not find are listed in the manifest; train.py then falls back to
 * the plain FER2013 face, so no training example is lost.
 *
 *   npm run build && npx tsx tools/train/pipeline-crops.ts --data ../shared/fer2013/train --out /tmp/mooddj-pipeline-crops
 *
 * Resumable: images already in the manifest are skipped, so it can be stopped and rerun.
 * `--fill F` puts every image at one scale (dev crops for choosing epochs and calibrating:
 *   ... --data ../shared/fer2013/dev --out /tmp/mooddj-pipeline-crops-dev-0.55 --fill 0.55).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative } from 'node:path';
import type { Perception } from '../../src/shared/perception';
import type { Reply } from '../../src/shared/messaging';
import { DIST, launchExtension } from '../browser';
import { PNG } from 'pngjs';
import { decodeImage, placeInFrame } from '../camera/image';
import { listImages } from '../eval/dataset';

/** Frame scales: the e2e tests' 0.55, and nearer and farther faces around it. */
const FILLS = [0.4, 0.55, 0.7, 0.85, 1.0];

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
}

/**
 * `photoDataUrl(path, fill)` (what `--full --frame` sends), with a fast PNG setting: the
 * default deflate takes longer than the pipeline itself. Same pixels, bigger file.
 */
function frameDataUrl(path: string, fill: number): string {
  const placed = placeInFrame(decodeImage(path), { fill });
  const png = new PNG({ width: placed.width, height: placed.height });
  png.data = Buffer.from(placed.data);
  return `data:image/png;base64,${PNG.sync.write(png, { deflateLevel: 1, filterType: 0 }).toString('base64')}`;
}

/** The same image always gets the same scale, so reruns rebuild the same set. */
function fillFor(rel: string): number {
  return FILLS[createHash('sha1').update(`fill:${rel}`).digest()[0] % FILLS.length];
}

async function main(): Promise<void> {
  const data = arg('--data');
  const out = arg('--out');
  const limit = Number(arg('--limit', 'Infinity'));
  // One scale for every image (dev, for choosing and calibrating); by default each image gets one of FILLS.
  const fixedFill = process.argv.includes('--fill') ? Number(arg('--fill')) : null;
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error('dist/ is missing: run `npm run build` first.');
  mkdirSync(out, { recursive: true });
  const manifest = join(out, 'manifest.csv');
  const done = new Set<string>();
  if (existsSync(manifest)) {
    for (const line of readFileSync(manifest, 'utf8').split('\n').slice(1)) if (line) done.add(line.split(',')[0]);
  } else {
    writeFileSync(manifest, 'path,fill,found,error\n');
  }
  // Shuffled by hash, so a partial run still covers every class evenly.
  const files = listImages(data).files
    .map((f) => ({ ...f, rel: relative(dirname(data), f.path).split('/').slice(1).join('/') }))
    .filter((f) => !done.has(f.rel))
    .sort((a, b) => createHash('sha1').update(a.rel).digest('hex').localeCompare(createHash('sha1').update(b.rel).digest('hex')))
    .slice(0, limit);
  console.log(`${done.size} already done, ${files.length} to go`);
  let session = await launchExtension({ headless: true });
  let page = await session.openPopup();
  let found = 0;
  const started = Date.now();
  // SIGTERM stops after the current image, with the browser closed and the manifest whole.
  let stopping = false;
  process.on('SIGTERM', () => (stopping = true));
  try {
    for (let i = 0; i < files.length && !stopping; i++) {
      const f = files[i];
      const fill = fixedFill ?? fillFor(f.rel);
      let reply: Reply<Perception>;
      try {
        reply = (await page.evaluate(
          (url) => chrome.runtime.sendMessage({ target: 'background', name: 'detect', payload: { source: { kind: 'photo', dataUrl: url }, trigger: 'popup' } }),
          frameDataUrl(f.path, fill),
        )) as Reply<Perception>;
      } catch (err) {
        if (stopping) break;
        // A crashed page or browser costs one image, not the run.
        console.warn(`${f.rel}: ${String(err)}; restarting the browser`);
        await session.close().catch(() => undefined);
        session = await launchExtension({ headless: true });
        page = await session.openPopup();
        continue;
      }
      let error = '';
      if (reply.ok && reply.value.crop) {
        const png = join(out, f.rel.replace(/\.\w+$/, '.png'));
        mkdirSync(dirname(png), { recursive: true });
        writeFileSync(png, Buffer.from(reply.value.crop.split(',')[1], 'base64'));
        found++;
      } else {
        error = reply.ok ? 'no-crop' : reply.error.code;
      }
      appendFileSync(manifest, `${f.rel},${fill},${error ? 0 : 1},${error}\n`);
      if ((i + 1) % 200 === 0) console.log(`${i + 1}/${files.length}, ${found} found, ${((i + 1) / ((Date.now() - started) / 1000)).toFixed(1)} img/s`);
    }
  } finally {
    await session.close();
  }
  console.log(`done: ${found} of ${files.length} found this run`);
}

await main();
