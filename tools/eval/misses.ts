/**
 * npx tsx tools/eval/misses.ts --list MISSED.txt --frame F [--json OUT.json]
 * Why faces were not found: for each image in a list written by `npm run eval -- --full
 * --missed MISSED.txt` (or one path a line), places it in a 640x480 frame at F of its height
 * and prints every stage of the built extension's face finding: the detector's answers on the
 * whole frame, with the margin, in each tile, what was kept and the verdict. Prints; asserts nothing.
 *
 * npx tsx tools/eval/misses.ts --pattern N
 * The same on N frames of Chromium's fake-camera test pattern (no face), judged as camera frames:
 * counts the frames whose verdict is anything but "none" (a phantom face).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DIST, launchExtension } from '../browser';
import { photoDataUrl } from '../camera/image';
import { injectRig } from '../rig';
import type * as DetectorRig from './rig/detector';
import type { Inspected, Seen } from './rig/detector';

const RIG = join(import.meta.dirname, 'rig/detector.ts');

const { values } = parseArgs({
  options: { list: { type: 'string' }, frame: { type: 'string', default: '0.4' }, pattern: { type: 'string' }, json: { type: 'string' } },
});

const r = (n: number) => Math.round(n);
function show(f: Seen): string {
  const k = f.keypoints
    .slice(0, 4)
    .map((p) => `${r(p.x)},${r(p.y)}`)
    .join(' ');
  return `${f.score.toFixed(2)} box ${r(f.box.x)},${r(f.box.y)} ${r(f.box.width)}x${r(f.box.height)}${f.plausible ? '' : ' IMPLAUSIBLE'} [eyes/nose/mouth ${k}]`;
}

async function main(): Promise<void> {
  if (!values.list && !values.pattern) throw new Error('--list MISSED.txt or --pattern N is required');
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error('dist/ is missing: run `npm run build` first.');
  const paths = readFileSync(values.list ?? '/dev/null', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t').at(-1) ?? l);
  const fill = Number(values.frame);
  const session = await launchExtension({ headless: true });
  const all: (Inspected & { file: string })[] = [];
  try {
    const page = await session.openPopup();
    // A photo check opens the offscreen document and loads the models.
    await page.evaluate(
      (u) => chrome.runtime.sendMessage({ target: 'background', name: 'detect', payload: { source: { kind: 'photo', dataUrl: u }, trigger: 'alarm' } }),
      paths[0] ? photoDataUrl(paths[0], fill) : 'data:image/png;base64,',
    );
    const target = await session.browser.waitForTarget((t) => t.url().endsWith('/src/offscreen/index.html'), { timeout: 10_000 });
    const cdp = await target.createCDPSession();
    const rig = await injectRig<typeof DetectorRig>(cdp, RIG, 'mooddjDetectorRig');
    if (values.pattern) {
      const frames: Inspected[] = [];
      // In batches: one DevTools call must answer within puppeteer's protocol timeout.
      for (let left = Number(values.pattern); left > 0; left -= 200) {
        frames.push(...(await rig('inspectCameraFrames', Math.min(200, left))));
      }
      all.push(...frames.map((f, i) => ({ file: `pattern-${i}`, ...f })));
      const phantoms = frames.filter((s) => s.verdict !== 'none');
      for (const s of phantoms) console.log(`pattern frame: ${s.verdict}; found ${s.found.map(show).join(' | ')}`);
      const kept = frames.filter((s) => s.found.some((f) => f.plausible && f.score >= 0.5)).length;
      console.log(`test pattern: ${phantoms.length}/${frames.length} frames with a verdict other than "none"; ${kept} with a plausible face >= 0.5 kept`);
    }
    for (const file of paths) {
      const s = await rig('inspectPhoto', photoDataUrl(file, fill));
      all.push({ file, ...s });
      console.log(`${file}: ${s.verdict}`);
      for (const f of s.whole) console.log(`  whole  ${show(f)}`);
      for (const f of s.margin) console.log(`  margin ${show(f)}`);
      for (const t of s.tiles) for (const f of t.faces) console.log(`  tile ${t.tile} ${show(f)}`);
      for (const f of s.found) console.log(`  found  ${show(f)}`);
    }
    await cdp.detach();
  } finally {
    await session.close();
  }
  if (values.json) writeFileSync(values.json, JSON.stringify(all, null, 1));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
