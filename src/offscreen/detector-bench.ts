/**
 * Measures the two face-detection paths on the same frames in this document, for
 * tools/eval/detectors.ts: per-frame milliseconds of one whole-frame detection, and how many
 * frames end with a readable face (the check's own rules: plausibility, size, edges, light).
 * Puts the automatically chosen path back afterwards.
 */
import { photoFrame } from './camera';
import { judgeFrame, plausibleFace } from './face-checks';
import type { Face } from './face-types';
import * as faces from './faces';
import { findFaces, tilesOf } from './find-faces';
import { RETRY_MARGIN, withMargin } from './padded-detect';

export async function measureDetector(
  path: faces.DetectorPath,
  dataUrls: string[],
): Promise<{ path: string; frames: number; detected: number; found: number; ms: number[] }> {
  await faces.load(path);
  const ms: number[] = [];
  let found = 0;
  let detected = 0;
  try {
    for (const url of dataUrls) {
      const frame = await photoFrame(url);
      const image = new ImageData(frame.rgba, frame.width, frame.height);
      const t = performance.now();
      const whole = await faces.detect(image, faces.MIN_DETECTION_CONFIDENCE);
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

type Seen = Face & { plausible: boolean };

/**
 * Every stage of finding the face in one photo, for tools/eval/misses.ts (why a face was not
 * found): the detector's raw answers on the whole frame, with the margin, and in each tile
 * (frame coordinates), what findFaces kept and the verdict (`still`: judged as a photo, else as a
 * camera frame). Detections only, no pixels.
 */
export async function inspectPhoto(
  dataUrl: string,
  still = true,
): Promise<{ whole: Seen[]; margin: Seen[]; tiles: { tile: number; faces: Seen[] }[]; found: Seen[]; verdict: string }> {
  await faces.load();
  const frame = await photoFrame(dataUrl);
  const seen = (f: Face, dx = 0, dy = 0): Seen => {
    const move = (p: { x: number; y: number }) => ({ x: p.x + dx, y: p.y + dy });
    const keypoints = f.keypoints.map(move);
    const g = { ...f, box: { ...f.box, x: f.box.x + dx, y: f.box.y + dy }, keypoints, rightEye: keypoints[0], leftEye: keypoints[1] };
    return { ...g, plausible: plausibleFace(g) };
  };
  const image = new ImageData(frame.rgba, frame.width, frame.height);
  const whole = (await faces.detect(image)).map((f) => seen(f));
  const m = Math.round(RETRY_MARGIN * Math.max(frame.width, frame.height));
  const margin = (await faces.detect(withMargin(image, m))).map((f) => seen(f, -m, -m));
  const tiles = [];
  for (const [i, t] of tilesOf(frame.width, frame.height).entries()) {
    const out = new Uint8ClampedArray(t.width * t.height * 4);
    for (let y = 0; y < t.height; y++)
      out.set(frame.rgba.subarray(((t.y + y) * frame.width + t.x) * 4, ((t.y + y) * frame.width + t.x + t.width) * 4), y * t.width * 4);
    tiles.push({ tile: i, faces: (await faces.detect(new ImageData(out, t.width, t.height))).map((f) => seen(f, t.x, t.y)) });
  }
  const found = await findFaces({ data: frame.rgba, width: frame.width, height: frame.height }, (im) => faces.detect(im));
  return { whole, margin, tiles, found: found.map((f) => seen(f)), verdict: judgeFrame(frame, found, { still }).kind };
}
