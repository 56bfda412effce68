/**
 * Accuracy side by side. Classifier only: MoodDJ's model through `npm run eval`'s own code
 * path in Node (the extension's preprocessing and model code), each peer's classifier in
 * its bench page with its own preprocessing. Full pipelines: each engine's page on photos.
 */
import type { Browser } from 'puppeteer-core';
import { EMOTIONS } from '../src/shared/emotions';
import type { FaceCrop } from '../src/offscreen/face-crop';
import { listImages, loadCrop } from '../tools/eval/dataset';
import { summarize } from '../tools/eval/metrics';
import { EVAL_MODELS, pickNodeBackend } from '../tools/eval/node-models';
import { THRESHOLDS } from '../tools/eval/report';
import { callBench, openPage } from './pages';
import type { ClassifierScore, Tally } from './results';
import { tally } from './stats';
import type { EngineId } from './table';

const CHUNK = 50;

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
export async function peerClassifier(browser: Browser, origin: string, engine: EngineId, urls: string[], truth: number[], external: string[]): Promise<ClassifierScore> {
  const page = await openPage(browser, `${origin}/page/${engine}.html?backend=wasm`, external);
  try {
    const scores: number[][] = [];
    for (let i = 0; i < urls.length; i += CHUNK) scores.push(...(await callBench(page, 'classifyFaces', urls.slice(i, i + CHUNK))));
    const how = engine === 'face-api' ? 'FaceExpressionNet.predictExpressions on the face image (wasm)' : "emotion model with human's crop preprocessing (wasm)";
    return scoreOf(engine, how, truth, scores);
  } finally {
    await page.close();
  }
}

/** One engine's whole pipeline on photos (wasm): detection, its crop, its classifier. */
export async function pipelineOnPhotos(browser: Browser, origin: string, engine: EngineId, urls: string[], truth: number[], external: string[]): Promise<Tally> {
  const page = await openPage(browser, `${origin}/page/${engine}.html?backend=wasm`, external);
  try {
    const probs: (number[] | null)[] = [];
    for (let i = 0; i < urls.length; i += CHUNK) {
      const chunk = urls.slice(i, i + CHUNK);
      await callBench(page, 'loadFrames', chunk);
      const runs = await callBench(page, 'runFrames', chunk.map((_, j) => j));
      probs.push(...runs.map((r) => r.probs));
    }
    return tally(truth, probs);
  } finally {
    await page.close();
  }
}
