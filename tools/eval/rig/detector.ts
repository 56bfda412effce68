/**
 * Runs inside the built extension's offscreen document (injected by tools/rig.ts) and drives
 * its face detector through the document's debug handle, for tools/eval/detectors.ts and
 * misses.ts. The pure stages (finding faces in tiles, the verdict rules) are the product's own
 * modules, bundled in; the detector is the document's, as its checks use it.
 */
import type { DebugHandle } from '../../../src/offscreen/debug-handle';
import { photoFrame } from '../../../src/offscreen/capture/photo';
import { judgeFrame, plausibleFace } from '../../../src/offscreen/faces/checks';
import { cropTile, findFaces, tilesOf } from '../../../src/offscreen/faces/find';
import { RETRY_MARGIN, withMargin } from '../../../src/offscreen/faces/padded-detect';
import { inFrame } from '../../../src/offscreen/faces/second-look';
import { MIN_DETECTION_CONFIDENCE, type Face } from '../../../src/offscreen/faces/types';

const handle = () => (globalThis as unknown as { mooddjDebug: DebugHandle }).mooddjDebug;

type DetectorPath = 'mediapipe' | 'tfjs';

/**
 * Measures one face-detection path on these photos: per-frame milliseconds of one whole-frame
 * detection, how many frames had any detection, and how many end with a readable face (the
 * check's own rules: plausibility, size, edges, light). Puts the automatic choice back afterwards.
 */
export async function measureDetector(
  path: DetectorPath,
  dataUrls: string[],
): Promise<{ path: string; frames: number; detected: number; found: number; ms: number[] }> {
  const { faces } = handle();
  await faces.load(path);
  const ms: number[] = [];
  let found = 0;
  let detected = 0;
  try {
    for (const url of dataUrls) {
      const frame = await photoFrame(url);
      const image = new ImageData(frame.rgba, frame.width, frame.height);
      const t = performance.now();
      const whole = await faces.detect(image, MIN_DETECTION_CONFIDENCE);
      ms.push(performance.now() - t);
      if (whole.length) detected++;
      const verdict = judgeFrame(frame, await findFaces({ data: frame.rgba, width: frame.width, height: frame.height }, (im) => faces.detect(im)));
      if (verdict.kind === 'face') found++;
    }
  } finally {
    await faces.load();
  }
  return { path, frames: dataUrls.length, detected, found, ms };
}

export type Seen = Face & { plausible: boolean };

export interface Inspected {
  whole: Seen[];
  margin: Seen[];
  tiles: { tile: number; faces: Seen[] }[];
  found: Seen[];
  verdict: string;
}

/**
 * Every stage of finding the face in one photo (why a face was not found): the detector's raw
 * answers on the whole frame, with the margin, and in each tile (frame coordinates), what
 * findFaces kept and the verdict (`still`: judged as a photo, else as a camera frame).
 * Detections only, no pixels.
 */
export async function inspectPhoto(dataUrl: string, still = true): Promise<Inspected> {
  const { faces } = handle();
  await faces.load();
  const frame = await photoFrame(dataUrl);
  const seen = (f: Face, dx = 0, dy = 0): Seen => {
    const g = inFrame(f, dx, dy);
    return { ...g, plausible: plausibleFace(g) };
  };
  const rgba = { data: frame.rgba, width: frame.width, height: frame.height };
  const image = new ImageData(frame.rgba, frame.width, frame.height);
  const whole = (await faces.detect(image)).map((f) => seen(f));
  const m = Math.round(RETRY_MARGIN * Math.max(frame.width, frame.height));
  const margin = (await faces.detect(withMargin(image, m))).map((f) => seen(f, -m, -m));
  const tiles = [];
  for (const [i, t] of tilesOf(frame.width, frame.height).entries()) {
    tiles.push({ tile: i, faces: (await faces.detect(cropTile(rgba, t))).map((f) => seen(f, t.x, t.y)) });
  }
  const found = await findFaces(rgba, (im) => faces.detect(im));
  return { whole, margin, tiles, found: found.map((f) => seen(f)), verdict: judgeFrame(frame, found, { still }).kind };
}

/** `n` frames of the fake camera (Chromium's test pattern by default), each inspected as a camera frame. */
export async function inspectCameraFrames(n: number): Promise<Inspected[]> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  try {
    const video = document.createElement('video');
    video.srcObject = stream;
    video.muted = true;
    await video.play();
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    const out: Inspected[] = [];
    for (let i = 0; i < n; i++) {
      // The pattern moves with time: frames some way apart show different poses of it.
      await new Promise((r) => setTimeout(r, 40));
      ctx.drawImage(video, 0, 0, 640, 480);
      out.push(await inspectPhoto(canvas.toDataURL('image/png'), false));
    }
    return out;
  } finally {
    for (const t of stream.getTracks()) t.stop();
  }
}
