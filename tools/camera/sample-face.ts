/**
 * The face `npm start` shows as the camera when no --camera is given: one face cut from a
 * photo in @vladmandic/face-api (a dev dependency), demo/sample1.jpg. The package is MIT
 * licensed and its README says its demo photos were taken by its author, Vladimir Mandic.
 * Read from node_modules at run time, never copied into the repo or the extension.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodeImage, placeInFrame } from './image.ts';
import type { RgbaImage } from './y4m.ts';
import { writeY4m } from './y4m.ts';

const require = createRequire(import.meta.url);

export const SAMPLE_FACE = {
  file: join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo/sample1.jpg'),
  /** The smiling face on the right of the 1920x1280 photo, with some hair and background. */
  crop: { x: 1320, y: 20, width: 560, height: 560 },
  credit: 'photo by Vladimir Mandic, @vladmandic/face-api demo/sample1.jpg, MIT licence',
};

function cut(src: RgbaImage, r: { x: number; y: number; width: number; height: number }): RgbaImage {
  const data = new Uint8Array(r.width * r.height * 4);
  for (let y = 0; y < r.height; y++) {
    const from = ((r.y + y) * src.width + r.x) * 4;
    data.set(src.data.subarray(from, from + r.width * 4), y * r.width * 4);
  }
  return { width: r.width, height: r.height, data };
}

/** Writes the sample face as a looping 640x480 fake-camera clip and returns its path. */
export function sampleFaceClip(outPath: string): string {
  const frame = placeInFrame(cut(decodeImage(SAMPLE_FACE.file), SAMPLE_FACE.crop), { width: 640, height: 480, fill: 1 });
  writeFileSync(outPath, writeY4m([frame], { fps: 10, framesEach: 10 }));
  return outPath;
}
