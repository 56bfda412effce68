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
  // Column taps are the same for every row: worked out once (this runs per image in eval --full).
  const xs1 = new Int32Array(w),
    xs2 = new Int32Array(w),
    fxs = new Float64Array(w);
  for (let x = 0; x < w; x++) {
    const sx = Math.min(src.width - 1, Math.max(0, (x + 0.5) / scale - 0.5));
    xs1[x] = Math.floor(sx);
    xs2[x] = Math.min(src.width - 1, xs1[x] + 1);
    fxs[x] = sx - xs1[x];
  }
  const d = src.data;
  for (let y = 0; y < h; y++) {
    const sy = Math.min(src.height - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const y1 = Math.floor(sy),
      y2 = Math.min(src.height - 1, y1 + 1),
      fy = sy - y1;
    const r1 = y1 * src.width,
      r2 = y2 * src.width;
    for (let x = 0; x < w; x++) {
      const fx = fxs[x];
      const a = (r1 + xs1[x]) * 4,
        b = (r1 + xs2[x]) * 4,
        c0 = (r2 + xs1[x]) * 4,
        e = (r2 + xs2[x]) * 4;
      const o = ((y0 + y) * W + x0 + x) * 4;
      for (let c = 0; c < 3; c++) {
        const top = d[a + c] * (1 - fx) + d[b + c] * fx;
        const bottom = d[c0 + c] * (1 - fx) + d[e + c] * fx;
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
