/**
 * Measures the two face-detection paths on the same frames in this document, for
 * tools/eval/detectors.ts: per-frame milliseconds of one whole-frame detection, and how many
 * frames end with a readable face (the check's own rules: plausibility, size, edges, light).
 * Puts the automatically chosen path back afterwards.
 */
import { photoFrame } from './camera';
import { judgeFrame } from './face-checks';
import * as faces from './faces';
import { findFaces } from './find-faces';

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
