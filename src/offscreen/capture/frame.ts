/** One picture from the camera or a photo, as every later stage reads it. */
export interface Frame {
  width: number;
  height: number;
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

/** Mean luma 0..255, sampled on a grid: enough to tell a dark room, or a camera still settling. */
export function meanBrightness(rgba: ArrayLike<number>, width: number, height: number, step = 4): number {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      const i = (y * width + x) * 4;
      sum += 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
      n++;
    }
  }
  return n ? sum / n : 0;
}
