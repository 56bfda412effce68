import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImageBytes } from '../camera/image';
import { cropFromRgba, type FaceCrop } from '../../src/offscreen/faces/crop';
import { EMOTIONS, type Emotion } from '../../src/shared/emotions';

/** A problem with the data folder, worded for the person who ran the command. */
export class DatasetError extends Error {}

export interface ImageFile {
  path: string;
  truth: Emotion;
}

const IMAGE = /\.(jpe?g|png)$/i;

/**
 * The images under DIR/<class>/ for each class folder present. With a limit, classes take
 * turns, so a short run still covers every class.
 */
export function listImages(dir: string, limit = Infinity): { files: ImageFile[]; ignored: string[] } {
  if (!existsSync(dir)) throw new DatasetError(`Data folder not found: ${dir}`);
  if (!statSync(dir).isDirectory()) throw new DatasetError(`Not a folder: ${dir}`);
  const entries = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
  const ignored = entries.map((e) => e.name).filter((name) => !(EMOTIONS as readonly string[]).includes(name));
  const perClass = EMOTIONS.filter((e) => entries.some((d) => d.name === e)).map((truth) =>
    readdirSync(join(dir, truth))
      .filter((name) => IMAGE.test(name))
      .sort()
      .map((name) => ({ path: join(dir, truth, name), truth })),
  );
  if (!perClass.length) {
    throw new DatasetError(`No class folders in ${dir}. Expected some of: ${[...EMOTIONS].sort().join(' ')}.`);
  }
  const files: ImageFile[] = [];
  for (let i = 0; files.length < limit && perClass.some((list) => i < list.length); i++) {
    for (const list of perClass) if (i < list.length && files.length < limit) files.push(list[i]);
  }
  if (!files.length) throw new DatasetError(`No .jpg/.jpeg/.png images in the class folders of ${dir}.`);
  return { files, ignored };
}

/** Pre-cropped faces should be square already; others lose the edges of their long side. */
export function centreSquare(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): { size: number; rgba: Uint8Array | Uint8ClampedArray } {
  const size = Math.min(width, height);
  if (width === height) return { size, rgba };
  const x0 = Math.floor((width - size) / 2);
  const y0 = Math.floor((height - size) / 2);
  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    const from = ((y0 + y) * width + x0) * 4;
    out.set(rgba.subarray(from, from + size * 4), y * size * 4);
  }
  return { size, rgba: out };
}

/** The face crop the browser pipeline would hand the model for this image file. */
export function loadCrop(path: string): FaceCrop {
  const { width, height, data: rgba } = decodeImageBytes(readFileSync(path));
  const square = centreSquare(rgba, width, height);
  return cropFromRgba(square.rgba, square.size);
}
