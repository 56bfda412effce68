/** The fixed inputs: FER2013 dev faces placed in 640x480 frames, and the camera clip. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { sequenceClip } from '../tools/camera/clip';
import { decodeImageBytes, placeInFrame } from '../tools/camera/image';
import { listImages, type ImageFile } from '../tools/eval/dataset';
import { EMOTIONS } from '../src/shared/emotions';

/** How much of the frame's height a face takes; the e2e tests' value, at which our detector finds FER faces. */
export const FILL = 0.55;

export interface BenchFrame extends ImageFile {
  png: Buffer;
}

/** `perClass` faces of each class, the same ones on every run (sorted names, classes in turn). */
export function timingFrames(dir: string, perClass: number): BenchFrame[] {
  const { files } = listImages(dir, perClass * EMOTIONS.length);
  return files.map((f) => {
    const placed = placeInFrame(decodeImageBytes(readFileSync(f.path)), { fill: FILL });
    const png = new PNG({ width: placed.width, height: placed.height });
    png.data = Buffer.from(placed.data);
    return { ...f, png: PNG.sync.write(png) };
  });
}

/**
 * A face all three detectors find at FILL (face-api's TinyFaceDetector misses many FER faces),
 * so every engine's check goes all the way to a reading.
 */
const CLIP_FACE = 'happy/PublicTest_10181609.jpg';

/** Fake-camera clip for the Detect checks: one face; Chromium loops it. */
export function cameraClip(dir: string, frames: BenchFrame[], out: string): string {
  const preferred = join(dir, CLIP_FACE);
  const face = existsSync(preferred) ? preferred : frames.find((f) => f.truth === 'happy')!.path;
  return sequenceClip([face], out, { fill: FILL, seconds: 1 });
}
