/**
 * Face landmarks of every image in a labelled folder, for training and measuring the geometry
 * classifier (tools/train/geometry.py). Each image is taken as an aligned FER-framed face crop,
 * as `npm run eval` takes it: the eyes sit where FER_GEOMETRY puts them, the landmark net's crop
 * is cut around them (mirror-padded past the image's edge), and the net runs in batches on the
 * wasm backend, in Node, never through the extension.
 *
 *   node --import tsx tools/train/landmarks.ts --data ../shared/fer2013/train --out .out/geo/train
 *
 * `--time N` first times N one-face calls of the landmark net and of the emotion model (a face
 * and its mirror), taken in turn so that both see the same machine load, and prints the medians:
 * what the landmark net would add to each face a check reads.
 *
 * Writes OUT.f32 (per image: the net's face score, then 468 x, y, z in the landmark crop's
 * pixels, float32 little-endian), OUT.cnn.f32 (the shipped emotion model's 7 probabilities per
 * image, read as `npm run eval` reads it, for fusing) and OUT.csv (path,label in the same order).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { decodeImage } from '../camera/image';
import { EVAL_MODELS, landmarkSource, pickNodeBackend } from '../eval/node-models';
import { centreSquare, listImages } from '../eval/dataset';
import { cropFromRgba } from '../../src/offscreen/faces/crop';
import { EMOTIONS } from '../../src/shared/emotions';
import { FaceLandmarks, LANDMARK_COUNT } from '../eval/face-landmarks';
import { ferLandmarkCrop } from '../eval/fer-landmarks';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    limit: { type: 'string' },
    batch: { type: 'string', default: '32' },
    time: { type: 'string' },
  },
});
if (!values.data || !values.out) {
  console.error('Usage: node --import tsx tools/train/landmarks.ts --data DIR --out PREFIX [--limit N] [--batch N] [--time N]');
  process.exit(1);
}
const limit = values.limit ? Number(values.limit) : Infinity;
const batch = Number(values.batch);

const { files } = listImages(values.data, limit);
await pickNodeBackend((b, why) => console.warn(`(${b} backend unavailable: ${why})`));
const net = new FaceLandmarks();
await net.load(landmarkSource());
const emotion = EVAL_MODELS.mooddj.create();
await emotion.load(EVAL_MODELS.mooddj.source());
if (values.time) await timeOneFace(Number(values.time));
const probabilities = new Float32Array(files.length * EMOTIONS.length);
const row = 1 + LANDMARK_COUNT * 3;
const out = new Float32Array(files.length * row);
const started = performance.now();
let netMs = 0;
for (let i = 0; i < files.length; i += batch) {
  const chunk = files.slice(i, i + batch);
  const images = chunk.map((f) => decodeImage(f.path));
  const crops = images.map(ferLandmarkCrop);
  const t = performance.now();
  const marks = await net.predict(crops);
  netMs += performance.now() - t;
  // The emotion crop as `npm run eval` cuts it (tools/eval/dataset.ts loadCrop).
  const read = await emotion.predict(
    images.map((im) => {
      const square = centreSquare(im.data, im.width, im.height);
      return cropFromRgba(square.rgba, square.size);
    }),
  );
  read.forEach((p, j) => EMOTIONS.forEach((e, k) => (probabilities[(i + j) * EMOTIONS.length + k] = p[e])));
  marks.forEach((m, j) => {
    out[(i + j) * row] = m.score;
    out.set(m.points, (i + j) * row + 1);
  });
  if ((i / batch) % 50 === 0) {
    const s = (performance.now() - started) / 1000;
    console.log(`${i + chunk.length} / ${files.length}  ${((i + chunk.length) / s).toFixed(0)} faces/s in all, net ${(netMs / (i + chunk.length)).toFixed(1)} ms/face`);
  }
}
net.dispose();
emotion.dispose();
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(`${values.out}.f32`, new Uint8Array(out.buffer));
writeFileSync(`${values.out}.cnn.f32`, new Uint8Array(probabilities.buffer));
writeFileSync(`${values.out}.csv`, 'path,label\n' + files.map((f) => `${f.path},${f.truth}\n`).join(''));
const seconds = (performance.now() - started) / 1000;
console.log(`${files.length} faces in ${seconds.toFixed(0)} s: ${(files.length / seconds).toFixed(0)} faces/s (decode, crop, landmark net and emotion model), net alone ${(netMs / files.length).toFixed(1)} ms/face`);

async function timeOneFace(n: number): Promise<void> {
  const image = decodeImage(files[0].path);
  const crop = ferLandmarkCrop(image);
  const square = centreSquare(image.data, image.width, image.height);
  const face = cropFromRgba(square.rgba, square.size);
  const landmarkMs: number[] = [];
  const emotionMs: number[] = [];
  // The first calls compile kernels and are left out.
  for (let i = -3; i < n; i++) {
    let t = performance.now();
    await net.predict([crop]);
    if (i >= 0) landmarkMs.push(performance.now() - t);
    t = performance.now();
    await emotion.predict([face]);
    if (i >= 0) emotionMs.push(performance.now() - t);
  }
  const median = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
  console.log(`one face, median of ${n}: landmark net ${median(landmarkMs).toFixed(1)} ms, emotion model (face + mirror) ${median(emotionMs).toFixed(1)} ms`);
}
