/**
 * Writes YUV4MPEG2 clips for Chromium's fake camera
 * (--use-file-for-fake-video-capture). The format is a text header, then per frame
 * the word FRAME and the Y, U and V planes (4:2:0, so chroma is a quarter size).
 */
export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA bytes, row-major. */
  data: Uint8Array | Uint8ClampedArray;
}

export function rgbaToI420(img: RgbaImage): Uint8Array {
  const { width: w, height: h, data } = img;
  if (w % 2 || h % 2) throw new Error(`4:2:0 needs even dimensions, got ${w}x${h}`);
  const out = new Uint8Array(w * h * 1.5);
  const cw = w / 2;
  const uOff = w * h;
  const vOff = uOff + cw * (h / 2);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      // Full-range BT.601, which is what the C420jpeg tag promises.
      out[y * w + x] = clampByte(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
    }
  }
  for (let y = 0; y < h / 2; y++) {
    for (let x = 0; x < cw; x++) {
      let r = 0,
        g = 0,
        b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ]) {
        const i = ((2 * y + dy) * w + 2 * x + dx) * 4;
        r += data[i];
        g += data[i + 1];
        b += data[i + 2];
      }
      r /= 4;
      g /= 4;
      b /= 4;
      out[uOff + y * cw + x] = clampByte(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      out[vOff + y * cw + x] = clampByte(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  return out;
}

function clampByte(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

/** A clip showing each image for `framesEach` frames, in order. */
export function writeY4m(images: RgbaImage[], opts: { fps?: number; framesEach?: number } = {}): Uint8Array {
  if (!images.length) throw new Error('a clip needs at least one image');
  const { width, height } = images[0];
  if (images.some((im) => im.width !== width || im.height !== height)) throw new Error('all frames must have the same size');
  const fps = opts.fps ?? 30;
  const each = opts.framesEach ?? 1;
  const header = new TextEncoder().encode(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const frameTag = new TextEncoder().encode('FRAME\n');
  const planes = images.map(rgbaToI420);
  const frameBytes = frameTag.length + planes[0].length;
  const out = new Uint8Array(header.length + frameBytes * each * images.length);
  out.set(header, 0);
  let off = header.length;
  for (const plane of planes) {
    for (let k = 0; k < each; k++) {
      out.set(frameTag, off);
      out.set(plane, off + frameTag.length);
      off += frameBytes;
    }
  }
  return out;
}

/** Reads back a clip's header and first frame's luma: used by tests to check our writer. */
export function parseY4m(bytes: Uint8Array): { width: number; height: number; fps: number; frames: number; luma: Uint8Array } {
  const nl = bytes.indexOf(10);
  const header = new TextDecoder().decode(bytes.subarray(0, nl));
  if (!header.startsWith('YUV4MPEG2 ')) throw new Error('not a y4m file');
  const field = (tag: string) =>
    header
      .split(' ')
      .find((t) => t.startsWith(tag))
      ?.slice(1) ?? '';
  const width = Number(field('W'));
  const height = Number(field('H'));
  const [num, den] = field('F').split(':').map(Number);
  const frameSize = 6 + width * height * 1.5;
  const frames = (bytes.length - nl - 1) / frameSize;
  const lumaStart = nl + 1 + 6;
  return { width, height, fps: num / den, frames, luma: bytes.slice(lumaStart, lumaStart + width * height) };
}
