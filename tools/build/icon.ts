import { PNG } from 'pngjs';

/**
 * The toolbar icon, drawn from shapes at build time so every size is crisp:
 * a violet disc with a smiling face whose mouth is a sound wave.
 */
export function iconPng(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const s = 4; // supersampling for smooth edges
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let cover = 0,
        white = 0;
      for (let sy = 0; sy < s; sy++) {
        for (let sx = 0; sx < s; sx++) {
          const u = ((x + (sx + 0.5) / s) / size) * 2 - 1;
          const v = ((y + (sy + 0.5) / s) / size) * 2 - 1;
          if (u * u + v * v > 0.96) continue;
          cover++;
          const eye = Math.hypot(Math.abs(u) - 0.33, v + 0.22) < 0.13;
          const r = Math.hypot(u, v + 0.05);
          const smile = v > 0.08 && Math.abs(r - 0.52) < 0.09 && Math.abs(u) < 0.5;
          if (eye || smile) white++;
        }
      }
      const i = (y * size + x) * 4;
      const n = s * s;
      const w = cover ? white / cover : 0;
      png.data[i] = Math.round(91 + (255 - 91) * w);
      png.data[i + 1] = Math.round(75 + (255 - 75) * w);
      png.data[i + 2] = Math.round(219 + (255 - 219) * w);
      png.data[i + 3] = Math.round((255 * cover) / n);
    }
  }
  return PNG.sync.write(png);
}

export const ICON_SIZES = [16, 32, 48, 128] as const;
