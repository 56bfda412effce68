import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MoodDJModel } from '../../../../src/offscreen/model/emotion/mooddj';
import { EMOTIONS, type Emotion } from '../../../../src/shared/emotions';
import { loadCrop } from '../../../../tools/eval/dataset';
import { EVAL_MODELS, pickNodeBackend } from '../../../../tools/eval/node-models';

/**
 * Does the shipped model's Grad-CAM explain anything? Checked on FER2013 dev faces (issue 16):
 * for happy faces most of the heat lies below the eye line, for surprise the brows and the
 * mouth both light up, and the map changes with the class asked about.
 */
const FER_DEV = resolve(import.meta.dirname, '../../../../../shared/fer2013/dev');
/** Faces per class: enough for a stable average, few enough for a unit test. */
const PER_CLASS = 40;
/** FER2013 framing: the eyes sit about 0.4 of the way down (src/offscreen/faces/align.ts). */
const EYE_LINE = 0.4;
const BROWS = [0.18, 0.38] as const;
const MOUTH = [0.62, 0.9] as const;

if (!existsSync(FER_DEV)) console.warn(`heatmap-dev.test: ${FER_DEV} not found (see ../shared/README.md), so the heatmap checks are skipped.`);

function rowsShare(map: Float32Array, size: number, from: number, to: number): number {
  let part = 0;
  let all = 0;
  for (let y = 0; y < size; y++) {
    let row = 0;
    for (let x = 0; x < size; x++) row += map[y * size + x];
    all += row;
    const c = (y + 0.5) / size;
    if (c >= from && c < to) part += row;
  }
  return all > 0 ? part / all : 0;
}

/** Mean heat in a band of rows, relative to the whole map's mean (1 = average). */
function bandLift(map: Float32Array, size: number, [from, to]: readonly [number, number]): number {
  const share = rowsShare(map, size, from, to);
  const rows = Array.from({ length: size }, (_, y) => (y + 0.5) / size).filter((c) => c >= from && c < to).length;
  return share / (rows / size);
}

function correlation(a: Float32Array, b: Float32Array): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 1;
}

describe.skipIf(!existsSync(FER_DEV))('Grad-CAM of the shipped model on FER2013 dev', () => {
  let model: MoodDJModel;
  /** The first PER_CLASS dev faces of a class that the model reads as that class. */
  async function readAs(emotion: Emotion) {
    const dir = join(FER_DEV, emotion);
    const out = [];
    for (const f of readdirSync(dir).sort()) {
      const crop = loadCrop(join(dir, f));
      const [p] = await model.predict([crop]);
      if (EMOTIONS.every((e) => p[e] <= p[emotion])) out.push(crop);
      if (out.length === PER_CLASS) break;
    }
    return out;
  }
  const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

  beforeAll(async () => {
    await pickNodeBackend();
    model = EVAL_MODELS.mooddj.create() as MoodDJModel;
    await model.load(EVAL_MODELS.mooddj.source());
  }, 60_000);

  it('happy: most of the heat lies below the eye line', async () => {
    const below = [];
    for (const crop of await readAs('happy')) {
      const map = await model.explain(crop, 'happy');
      below.push(rowsShare(map.data, map.size, EYE_LINE, 1));
    }
    console.log(`happy: heat below the eye line ${mean(below).toFixed(3)} (mean of ${below.length} faces)`);
    expect(mean(below)).toBeGreaterThan(0.5);
    expect(below.filter((b) => b > 0.5).length / below.length).toBeGreaterThan(0.7);
  }, 120_000);

  it('surprise: the brows and the mouth both light up', async () => {
    const brows = [];
    const mouth = [];
    for (const crop of await readAs('surprise')) {
      const map = await model.explain(crop, 'surprise');
      brows.push(bandLift(map.data, map.size, BROWS));
      mouth.push(bandLift(map.data, map.size, MOUTH));
    }
    console.log(`surprise: brow band ${mean(brows).toFixed(2)}x, mouth band ${mean(mouth).toFixed(2)}x the map's mean heat`);
    expect(mean(brows)).toBeGreaterThan(1);
    expect(mean(mouth)).toBeGreaterThan(1);
  }, 120_000);

  it('the map depends on the class asked about', async () => {
    const faces = [...(await readAs('happy')).slice(0, 10), ...(await readAs('surprise')).slice(0, 10), ...(await readAs('angry')).slice(0, 10)];
    const r = [];
    for (const crop of faces) {
      const maps = [];
      for (const e of EMOTIONS) maps.push((await model.explain(crop, e)).data);
      for (let i = 0; i < maps.length; i++) for (let j = i + 1; j < maps.length; j++) r.push(correlation(maps[i], maps[j]));
    }
    console.log(`mean correlation between two classes' maps of one face: ${mean(r).toFixed(3)}`);
    expect(mean(r)).toBeLessThan(0.6);
  }, 300_000);
});
