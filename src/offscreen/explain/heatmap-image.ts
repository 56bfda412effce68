import type { Heatmap } from '../model/emotion/emotion-model';

/**
 * A Grad-CAM heatmap as RGBA: the jet colour map (blue = little, red = most), with alpha
 * rising with importance so the unimportant parts leave the face below visible in the
 * popup, which lays this over the crop.
 */
export function heatmapRgba(heatmap: Heatmap): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(heatmap.size * heatmap.size * 4);
  const channel = (v: number, centre: number) => 255 * Math.min(1, Math.max(0, 1.5 - Math.abs(4 * v - centre)));
  for (let i = 0; i < heatmap.data.length; i++) {
    const v = Math.min(1, Math.max(0, heatmap.data[i]));
    out[i * 4] = channel(v, 3);
    out[i * 4 + 1] = channel(v, 2);
    out[i * 4 + 2] = channel(v, 1);
    out[i * 4 + 3] = 255 * Math.min(1, 0.15 + v);
  }
  return out;
}

/** The heatmap as a PNG data URL the size of the crop preview; in memory only. */
export function heatmapImage(heatmap: Heatmap): string {
  const canvas = document.createElement('canvas');
  canvas.width = heatmap.size;
  canvas.height = heatmap.size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  ctx.putImageData(new ImageData(heatmapRgba(heatmap), heatmap.size, heatmap.size), 0, 0);
  return canvas.toDataURL('image/png');
}
