/**
 * Accuracy side by side. Classifier only: MoodDJ's model through `npm run eval`'s own code
 * path in Node (the extension's preprocessing and model code), each peer's classifier in
 * its bench page with its own preprocessing. Full pipelines: each engine's page on photos.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { FaceCrop } from '../src/offscreen/faces/crop';
import { EMOTIONS } from '../src/shared/emotions';
import { launchExtension } from '../tools/browser';
import { listImages, loadCrop } from '../tools/eval/dataset';
import { summarize } from '../tools/eval/metrics';
import { EVAL_MODELS, pickNodeBackend } from '../tools/eval/node-models';
import { THRESHOLDS } from '../tools/eval/report';
import type { BenchArgs } from './args';
import { NO_MUSIC_SITES } from './cdp';
import { callBench, openPage } from './pages';
import { FER_DEV } from './paths';
import type { BenchResults, ClassifierScore, Tally } from './results';
import type { BenchServer } from './server';
import { tally } from './stats';
import { ENGINES, type EngineId } from './table';

const log = (s: string) => console.error(s);

const CHUNK = 50;
/** Photos can be megabytes each, and MoodDJ's page holds them as data URLs. */
const PHOTO_CHUNK = 10;

export function scoreOf(engine: EngineId, how: string, truth: number[], scores: number[][]): ClassifierScore {
  const s = summarize(truth, scores, EMOTIONS.length, THRESHOLDS);
  return { engine, how, n: s.n, accuracy: s.accuracy, macroF1: s.macroF1 };
}

/** MoodDJ's shipped model (by the id the extension reported), as `npm run eval` runs it. */
export async function moodDjClassifier(dir: string, limit: number, modelId: string): Promise<ClassifierScore> {
  const id = EVAL_MODELS[modelId] ? modelId : 'baseline';
  const spec = EVAL_MODELS[id];
  const { files } = listImages(dir, limit);
  const crops: FaceCrop[] = files.map((f) => loadCrop(f.path));
  const truth = files.map((f) => EMOTIONS.indexOf(f.truth));
  const backend = await pickNodeBackend(() => undefined);
  const model = spec.create();
  await model.load(spec.source());
  try {
    const scores: number[][] = [];
    for (let i = 0; i < crops.length; i += 64) {
      for (const p of await model.predict(crops.slice(i, i + 64))) scores.push(EMOTIONS.map((e) => p[e]));
    }
    return scoreOf('mooddj', `model "${id}", eval's Node path (${backend})`, truth, scores);
  } finally {
    model.dispose();
  }
}

/** A peer's classifier on face crops served at `urls`, in its own page on the wasm backend. */
export async function peerClassifier(
  browser: Browser,
  origin: string,
  engine: EngineId,
  urls: string[],
  truth: number[],
  external: string[],
): Promise<ClassifierScore> {
  const page = await openPage(browser, `${origin}/page/${engine}.html?backend=wasm`, external);
  try {
    const scores: number[][] = [];
    for (let i = 0; i < urls.length; i += CHUNK) scores.push(...(await callBench(page, 'classifyFaces', urls.slice(i, i + CHUNK))));
    const how =
      engine === 'face-api' ? 'FaceExpressionNet.predictExpressions on the face image (wasm)' : "emotion model with human's crop preprocessing (wasm)";
    return scoreOf(engine, how, truth, scores);
  } finally {
    await page.close();
  }
}

/** One engine's whole pipeline on photos (wasm): detection, its crop, its classifier. */
export async function pipelineOnPhotos(
  browser: Browser,
  origin: string,
  engine: EngineId,
  urls: string[],
  truth: number[],
  external: string[],
): Promise<Tally> {
  const page = await openPage(browser, `${origin}/page/${engine}.html?backend=wasm`, external);
  try {
    const probs: (number[] | null)[] = [];
    for (let i = 0; i < urls.length; i += PHOTO_CHUNK) {
      const chunk = urls.slice(i, i + PHOTO_CHUNK);
      await callBench(page, 'loadFrames', chunk);
      const runs = await callBench(
        page,
        'runFrames',
        chunk.map((_, j) => j),
      );
      probs.push(...runs.map((r) => r.probs));
    }
    return tally(truth, probs);
  } finally {
    await page.close();
  }
}

/** Classifier-only scores for all three, then (with --photos) each full pipeline on the photos. */
export async function runAccuracy(
  server: BenchServer,
  args: BenchArgs,
  modelId: string,
  external: string[],
  errors: string[],
): Promise<BenchResults['accuracy']> {
  const out: BenchResults['accuracy'] = { classifier: [], reference: null, photos: null };
  log(`[accuracy] classifier only on ${args.limit} FER dev faces`);
  const { files } = listImages(FER_DEV, args.limit);
  const truth = files.map((f) => EMOTIONS.indexOf(f.truth));
  files.forEach((f, i) => server.put(`/faces/${i}.jpg`, readFileSync(f.path), 'image/jpeg'));
  const faceUrls = files.map((_, i) => `/faces/${i}.jpg`);
  try {
    out.classifier.push(await moodDjClassifier(FER_DEV, args.limit, modelId));
    if (modelId !== 'baseline') out.reference = await moodDjClassifier(FER_DEV, args.limit, 'baseline');
  } catch (err) {
    errors.push(`MoodDJ classifier: ${err instanceof Error ? err.message : String(err)}`);
  }
  const session = await launchExtension({ extraArgs: [NO_MUSIC_SITES] });
  try {
    for (const engine of ['face-api', 'human'] as const) {
      try {
        out.classifier.push(await peerClassifier(session.browser, server.origin, engine, faceUrls, truth, external));
      } catch (err) {
        errors.push(`${engine} classifier: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (args.photos) {
      log(`[accuracy] full pipelines on ${args.photos}`);
      const dir = resolve(args.photos);
      const photos = listImages(dir).files;
      server.mount('/photos', dir);
      const urls = photos.map((p) => `/photos/${relative(dir, p.path).split(sep).map(encodeURIComponent).join('/')}`);
      const photoTruth = photos.map((p) => EMOTIONS.indexOf(p.truth));
      out.photos = { dir: args.photos, engines: {} };
      for (const engine of ENGINES) {
        try {
          out.photos.engines[engine] = await pipelineOnPhotos(session.browser, server.origin, engine, urls, photoTruth, external);
        } catch (err) {
          errors.push(`${engine} on photos: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
  } finally {
    await session.close();
  }
  return out;
}
