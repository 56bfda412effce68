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
import { cropTile, findFaces, tilesOf } from './find-faces';
import { RETRY_MARGIN, withMargin } from './padded-detect';
import { inFrame } from './second-look';

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
