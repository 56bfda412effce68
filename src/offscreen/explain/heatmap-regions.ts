import { FACE_REGIONS, type Attention, type FaceRegion } from '../../shared/perception';
import { FER_GEOMETRY, type CropGeometry } from '../faces/align';
import type { Heatmap } from '../model/emotion/emotion-model';

/**
 * Where the face bands lie in an aligned crop, as fractions of its height. The crop is
 * framed from the eyes (align.ts): the eye line sits `down / size` above the centre, and
 * the bands are measured from it in eye distances (brows about 0.3 above the eyes, the
 * nose tip about 0.7 below, the mouth about 1.1 below; a face's usual proportions).
 */
export function regionBands(geometry: CropGeometry = FER_GEOMETRY): Record<FaceRegion, [number, number]> {
  const eyeLine = 0.5 - geometry.down / geometry.size;
  const at = (eyeDistances: number) => Math.min(1, Math.max(0, eyeLine + eyeDistances / geometry.size));
  return {
    brow: [0, at(-0.25)],
    eyes: [at(-0.25), at(0.25)],
    nose: [at(0.25), at(0.8)],
    mouth: [at(0.8), 1],
  };
}

/**
 * The heatmap's mean weight in each band, as shares summing to 1. Means rather than
 * sums, so a tall band does not win by its size alone. Undefined for an empty heatmap.
 */
export function heatmapAttention(heatmap: Heatmap, geometry: CropGeometry = FER_GEOMETRY): Attention | undefined {
  const bands = regionBands(geometry);
  const { size, data } = heatmap;
  const means = FACE_REGIONS.map((r) => {
    const from = Math.round(bands[r][0] * size);
    const to = Math.max(from + 1, Math.round(bands[r][1] * size));
    let sum = 0;
    for (let y = from; y < Math.min(to, size); y++) for (let x = 0; x < size; x++) sum += Math.max(0, data[y * size + x]);
    return sum / ((Math.min(to, size) - from) * size);
  });
  const total = means.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return undefined;
  return Object.fromEntries(FACE_REGIONS.map((r, i) => [r, means[i] / total])) as Attention;
}
