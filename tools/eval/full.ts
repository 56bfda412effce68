import { existsSync, writeFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EMOTIONS } from '../../src/shared/emotions';
import type { Perception } from '../../src/shared/perception';
import type { Reply } from '../../src/shared/messaging';
import { DIST, launchExtension } from '../browser';
import { photoDataUrl } from '../camera/image';
import type { EvalArgs } from './args';
import type { Reading } from './calibrate';
import { DatasetError, listImages, type ImageFile } from './dataset';
import { summarize } from './metrics';
import { buildReport, ECE_BINS, THRESHOLDS, type EvalReport } from './report';

/** Errors that mean "the pipeline found no usable face", as opposed to a broken run. */
const NOT_FOUND = new Set(['no-face', 'face-too-small', 'too-dark', 'face-cut', 'face-too-dark']);

/**
 * One image as a "photo" check through the extension, as the popup's photo picker sends it;
 * `ms` is the check alone, without reading the file. An image that cannot be read says why.
 */
async function photoCheck(page: Page, path: string, frame: number | null): Promise<{ reply: Reply<Perception>; ms: number } | { unreadable: string }> {
  let dataUrl: string;
  try {
    dataUrl = photoDataUrl(path, frame);
  } catch (err) {
    return { unreadable: err instanceof Error ? err.message : String(err) };
  }
  const t0 = performance.now();
  const reply = (await page.evaluate(
    (url) => chrome.runtime.sendMessage({ target: 'background', name: 'detect', payload: { source: { kind: 'photo', dataUrl: url }, trigger: 'popup' } }),
    dataUrl,
  )) as Reply<Perception>;
  return { reply, ms: performance.now() - t0 };
}

/**
 * The whole pipeline, as the extension runs it: each image goes in as a "photo" check
 * through the service worker and the offscreen document (detection, alignment, model).
 */
export async function fullPipeline(args: EvalArgs & { frame: number | null }): Promise<EvalReport & { facesNotFound: number; endToEndAccuracy: number }> {
  if (!existsSync(join(DIST, 'manifest.json'))) throw new DatasetError('dist/ is missing: run `npm run build` first.');
  const started = performance.now();
  const { files, ignored } = listImages(args.data, args.limit);
  const session = await launchExtension({ headless: true });
  const truth: number[] = [];
  const scores: number[][] = [];
  const unreadable: { file: string; reason: string }[] = [];
  const missed: string[] = [];
  let backend: Perception['backend'] = 'cpu';
  let model = 'unknown';
  let pipelineMs = 0;
  try {
    const page = await session.openPopup();
    for (const f of files) {
      const checked = await photoCheck(page, f.path, args.frame);
      if ('unreadable' in checked) {
        unreadable.push({ file: f.path, reason: checked.unreadable });
        continue;
      }
      const { reply } = checked;
      pipelineMs += checked.ms;
      if (reply.ok) {
        truth.push(EMOTIONS.indexOf(f.truth));
        scores.push(EMOTIONS.map((e) => reply.value.probabilities[e]));
        backend = reply.value.backend;
        model = reply.value.model;
      } else if (NOT_FOUND.has(reply.error.code)) {
        missed.push(`${reply.error.code}\t${f.path}`);
      } else {
        unreadable.push({ file: f.path, reason: reply.error.message });
      }
    }
  } finally {
    await session.close();
  }
  if (args.missed) writeFileSync(args.missed, missed.map((m) => `${m}\n`).join(''));
  const notFound = missed.length;
  if (!scores.length) throw new DatasetError(`The pipeline found no usable face in any of the ${files.length} images.`);
  const summary = summarize(truth, scores, EMOTIONS.length, THRESHOLDS, ECE_BINS);
  const attempted = scores.length + notFound;
  const report = buildReport(summary, {
    model,
    backend,
    data: args.data,
    imagesPerSecond: attempted / (pipelineMs / 1000),
    modelSeconds: pipelineMs / 1000,
    totalSeconds: (performance.now() - started) / 1000,
    unreadable,
    ignoredFolders: ignored,
  });
  const correct = summary.accuracy * summary.n;
  return { ...report, mode: 'full', facesNotFound: notFound / attempted, endToEndAccuracy: correct / attempted };
}

/**
 * For --calibrate --full: the generic reading and embedding of each photo through the whole
 * pipeline (a fresh profile has no examples, so the extension's reading is the generic one).
 */
export async function readFull(
  files: readonly ImageFile[],
  args: EvalArgs,
  skipped: { file: string; reason: string }[],
): Promise<Omit<Reading, 'subject' | 'sequence'>[]> {
  if (!existsSync(join(DIST, 'manifest.json'))) throw new DatasetError('dist/ is missing: run `npm run build` first.');
  const session = await launchExtension({ headless: true });
  const out: Omit<Reading, 'subject' | 'sequence'>[] = [];
  try {
    const page = await session.openPopup();
    for (const f of files) {
      const checked = await photoCheck(page, f.path, args.frame);
      if ('unreadable' in checked) {
        skipped.push({ file: f.path, reason: checked.unreadable });
        continue;
      }
      const { reply } = checked;
      if (!reply.ok) skipped.push({ file: f.path, reason: reply.error.message });
      else if (!reply.value.embedding || reply.value.personalised) skipped.push({ file: f.path, reason: 'no generic embedding in the reading' });
      else out.push({ file: f.path, truth: f.truth, probabilities: reply.value.probabilities, embedding: Float32Array.from(reply.value.embedding) });
    }
  } finally {
    await session.close();
  }
  return out;
}
