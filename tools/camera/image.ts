import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { RgbaImage } from './y4m.ts';

/** Decodes by content, not by name, to RGBA. */
export function decodeImageBytes(bytes: Uint8Array): RgbaImage {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    return { width: img.width, height: img.height, data: img.data };
  }
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
  }
  throw new Error('neither JPEG nor PNG');
}

export function decodeImage(path: string): RgbaImage {
  try {
    return decodeImageBytes(readFileSync(path));
  } catch (err) {
    throw new Error(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Places an image in the middle of a frame (bilinear scaling), on a mid-grey
 * background. `fill` is how much of the frame's height the image may take:
 * FER crops are face-only, so a smaller fill leaves the margin a detector expects.
 */
export function placeInFrame(src: RgbaImage, opts: { width?: number; height?: number; fill?: number; background?: number } = {}): RgbaImage {
  const W = opts.width ?? 640;
  const H = opts.height ?? 480;
  const fill = opts.fill ?? 1;
  const bg = opts.background ?? 128;
  const scale = Math.min((W * fill) / src.width, (H * fill) / src.height);
  const w = Math.max(1, Math.round(src.width * scale));
  const h = Math.max(1, Math.round(src.height * scale));
  const x0 = Math.floor((W - w) / 2);
  const y0 = Math.floor((H - h) / 2);
  const out = new Uint8Array(W * H * 4).fill(bg);
  for (let i = 3; i < out.length; i += 4) out[i] = 255;
  for (let y = 0; y < h; y++) {
    const sy = Math.min(src.height - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const y1 = Math.floor(sy), y2 = Math.min(src.height - 1, y1 + 1), fy = sy - y1;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(src.width - 1, Math.max(0, (x + 0.5) / scale - 0.5));
      const x1 = Math.floor(sx), x2 = Math.min(src.width - 1, x1 + 1), fx = sx - x1;
      const o = ((y0 + y) * W + x0 + x) * 4;
      for (let c = 0; c < 3; c++) {
        const p = (yy: number, xx: number) => src.data[(yy * src.width + xx) * 4 + c];
        const top = p(y1, x1) * (1 - fx) + p(y1, x2) * fx;
        const bottom = p(y2, x1) * (1 - fx) + p(y2, x2) * fx;
        out[o + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { width: W, height: H, data: out };
}

/**
 * An image file as a data: URL for a photo check. With `fill`, it is first placed in a
 * 640x480 grey frame, as the fake camera would show it: tightly cropped faces (FER) need
 * that margin for the detector.
 */
export function photoDataUrl(path: string, fill: number | null = null): string {
  const bytes = readFileSync(path);
  if (fill === null) return `data:${bytes[0] === 0xff ? 'image/jpeg' : 'image/png'};base64,${bytes.toString('base64')}`;
  const placed = placeInFrame(decodeImageBytes(bytes), { fill });
  const png = new PNG({ width: placed.width, height: placed.height });
  png.data = Buffer.from(placed.data);
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}
