import { describe, expect, it } from 'vitest';
import { cropFromRgba, LUMA_WEIGHTS, resizeCrop, type FaceCrop } from '../../../../src/offscreen/faces/crop';

function rgbaOf(size: number, pixel: [number, number, number, number]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < out.length; i += 4) out.set(pixel, i);
  return out;
}

describe('cropFromRgba', () => {
  it('uses the rgb2gray weights and scales to 0..1', () => {
    expect(cropFromRgba(rgbaOf(2, [255, 0, 0, 255]), 2).data[0]).toBeCloseTo(0.2989, 6);
    expect(cropFromRgba(rgbaOf(2, [0, 255, 0, 255]), 2).data[0]).toBeCloseTo(0.587, 6);
    expect(cropFromRgba(rgbaOf(2, [0, 0, 255, 255]), 2).data[0]).toBeCloseTo(0.114, 6);
    // A grey pixel keeps its value, give or take the weights' rounding (they sum to 0.9999).
    expect(cropFromRgba(rgbaOf(2, [128, 128, 128, 255]), 2).data[0]).toBeCloseTo((128 * 0.9999) / 255, 6);
    expect(LUMA_WEIGHTS.reduce((a: number, b) => a + b, 0)).toBeCloseTo(0.9999, 6);
  });

  it('ignores alpha and keeps row-major layout', () => {
    const rgba = new Uint8ClampedArray([0, 0, 0, 0, 255, 255, 255, 7, 0, 0, 0, 255, 0, 0, 0, 255]);
    const crop = cropFromRgba(rgba, 2, 2);
    expect(crop.size).toBe(2);
    expect(Array.from(crop.data).map((v) => Math.round(v * 1000) / 1000)).toEqual([0, 1, 0, 0]);
  });

  it('rejects non-square images and wrong buffer sizes', () => {
    expect(() => cropFromRgba(new Uint8ClampedArray(2 * 3 * 4), 2, 3)).toThrow(/square/);
    expect(() => cropFromRgba(new Uint8ClampedArray(10), 2)).toThrow(/RGBA bytes/);
  });
});

describe('resizeCrop', () => {
  const crop = (size: number, values: number[]): FaceCrop => ({ size, data: Float32Array.from(values) });

  it('returns the same crop when the size already fits', () => {
    const c = crop(2, [0, 1, 2, 3]);
    expect(resizeCrop(c, 2)).toBe(c);
  });

  it('upsamples with half-pixel centres and clamped edges', () => {
    // Output columns sample source x = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
    const out = resizeCrop(crop(2, [0, 1, 0, 1]), 4);
    expect(out.size).toBe(4);
    for (let row = 0; row < 4; row++) {
      expect(Array.from(out.data.subarray(row * 4, row * 4 + 4))).toEqual([0, 0.25, 0.75, 1]);
    }
  });

  it('downsamples 2:1 to the mean of each pixel pair', () => {
    // Columns 0..3 hold 0..3; output columns average columns 0-1 and 2-3.
    const out = resizeCrop(crop(4, [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]), 2);
    expect(Array.from(out.data)).toEqual([0.5, 2.5, 0.5, 2.5]);
  });

  it('averages areas when shrinking, so fine stripes turn grey instead of aliasing', () => {
    // One-pixel stripes, 160 -> 40 (the pipeline's 4x crop to our model's input): every
    // output pixel covers two dark and two light columns.
    const stripes = crop(
      160,
      Array.from({ length: 160 * 160 }, (_, i) => i % 2),
    );
    for (const v of resizeCrop(stripes, 40).data) expect(v).toBeCloseTo(0.5, 5);
  });

  it('weights partly covered pixels by the area they cover (48 -> 40)', () => {
    // Output column 0 covers source [0, 1.2): all of column 0 and a fifth of column 1.
    const ramp = crop(
      48,
      Array.from({ length: 48 * 48 }, (_, i) => i % 48),
    );
    const out = resizeCrop(ramp, 40);
    expect(out.data[0]).toBeCloseTo((0 * 1 + 1 * 0.2) / 1.2, 5);
    expect(out.data[39]).toBeCloseTo((46 * 0.2 + 47 * 1) / 1.2, 4);
    // The mean brightness is kept exactly.
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(out.data)).toBeCloseTo(mean(ramp.data), 4);
  });

  it('keeps a flat image flat and a FER-sized crop becomes model-sized', () => {
    const out = resizeCrop(crop(48, new Array(48 * 48).fill(0.4)), 64);
    expect(out.data).toHaveLength(64 * 64);
    for (const v of out.data) expect(v).toBeCloseTo(0.4, 6);
  });
});
