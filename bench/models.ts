/**
 * `npm run bench:models`: milliseconds per face for each emotion model on each backend, inside
 * the built extension's offscreen document (the same code a check runs), and the Grad-CAM
 * explanation's extra cost. Median of 20 runs after a warm-up; a synthetic 40/48 px crop, so no
 * data set is needed. Prints a table; never run by `npm test`.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { launchExtension } from '../tools/browser';
import { injectRig } from '../tools/rig';
import { evaluateIn, GL_RENDERER_EXPRESSION, NO_MUSIC_SITES, OFFSCREEN, targetSession } from './cdp';
import { photoCheck } from './extension';
import { BENCH, DIST } from './paths';
import type * as TimingRig from './rig/time-emotion';
import type { EmotionModelId } from '../src/offscreen/model/emotion/default-model';
import type { Backend } from '../src/shared/perception';

/** The baseline ships only on request: `MOODDJ_BASELINE=1 npm run build`. */
const MODELS: EmotionModelId[] = ['mooddj', ...(existsSync(join(DIST, 'models/baseline/emotion.json')) ? (['baseline'] as const) : [])];

function greyPhoto(): string {
  const png = new PNG({ width: 64, height: 64 });
  png.data.fill(128);
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error('dist/ is missing: run `npm run build` first.');
  if (!MODELS.includes('baseline')) console.log('dist/ has no baseline model: build with MOODDJ_BASELINE=1 to time it too.');
  const withWebgpu = process.argv.includes('--webgpu');
  const session = await launchExtension({ extraArgs: [NO_MUSIC_SITES], webgpu: withWebgpu });
  try {
    const popup = await session.openPopup();
    // A photo check (no face in it) is the way to make the extension open its offscreen document.
    await photoCheck(popup, greyPhoto());
    const cdp = await targetSession(session.browser, OFFSCREEN);
    const renderer = await evaluateIn<string | null>(cdp, GL_RENDERER_EXPRESSION);
    const time = await injectRig<typeof TimingRig>(cdp, join(BENCH, 'rig/time-emotion.ts'), 'mooddjTimingRig');
    const backends: Backend[] = ['wasm', 'webgl', ...(withWebgpu ? (['webgpu'] as const) : [])];
    const rows: string[] = [];
    for (const backend of backends) {
      for (const model of MODELS) {
        try {
          const t = await time('timeEmotion', model, backend);
          const note = t.backend !== backend ? ` (got ${t.backend})` : '';
          rows.push(
            `| ${model} | ${backend}${note} | ${t.predictMs.toFixed(2)} | ${t.viewsMs.toFixed(2)} | ${t.explainMs === null ? '—' : t.explainMs.toFixed(2)} |`,
          );
        } catch (err) {
          rows.push(`| ${model} | ${backend} | failed: ${(err as Error).message.split('\n')[0]} | | |`);
        }
      }
    }
    await cdp.detach();
    console.log(`Emotion model per face, offscreen document of dist/ — ${new Date().toISOString().slice(0, 16)} UTC`);
    console.log(
      `Machine: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${loadavg()[0].toFixed(2)}; WebGL: ${renderer ?? 'none'}`,
    );
    console.log(
      'Median of 20 runs after a warm-up. predict = probabilities for one crop (with the mirrored crop where the model averages it); photo face = the five crops a photo check reads its face from, in one call (a camera check reads one crop per frame); explain = Grad-CAM heatmap.\n',
    );
    console.log('| model | backend | predict ms | photo face (5 crops) ms | explain ms |');
    console.log('| --- | --- | ---: | ---: | ---: |');
    for (const r of rows) console.log(r);
    if (/swiftshader/i.test(renderer ?? '')) console.log('\nWebGL here is SwiftShader (software on the CPU): not a GPU figure.');
  } finally {
    await session.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
