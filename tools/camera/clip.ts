import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { decodeImage, placeInFrame } from './image.ts';
import { writeY4m } from './y4m.ts';

/**
 * Turns what the user passed as --camera into a y4m file Chromium can play:
 * a .y4m is used as is; a still image becomes a short looping clip.
 */
export function cameraClip(input: string, outPath: string, opts: { fill?: number } = {}): string {
  if (extname(input).toLowerCase() === '.y4m') {
    readFileSync(input, { flag: 'r' }).subarray(0, 10); // fails early with a clear ENOENT
    return input;
  }
  const frame = placeInFrame(decodeImage(input), { fill: opts.fill });
  writeFileSync(outPath, writeY4m([frame], { fps: 10, framesEach: 10 }));
  return outPath;
}

/** Several stills in sequence (e.g. happy then sad), each held `seconds`. */
export function sequenceClip(inputs: string[], outPath: string, opts: { fill?: number; seconds?: number } = {}): string {
  const fps = 10;
  const frames = inputs.map((p) => placeInFrame(decodeImage(p), { fill: opts.fill }));
  writeFileSync(outPath, writeY4m(frames, { fps, framesEach: Math.max(1, Math.round((opts.seconds ?? 1) * fps)) }));
  return outPath;
}
