import { describe, expect, it } from 'vitest';
import { cropBox, cropRgba, meanBrightness, sourcePoint } from '../../../src/offscreen/align';

describe('face alignment', () => {
  it('level eyes need no rotation and the crop sits below the eye midpoint', () => {
    const box = cropBox({ x: 100, y: 100 }, { x: 140, y: 100 }, { size: 2.5, down: 0.5 });
    expect(box.angle).toBeCloseTo(0);
    expect(box.size).toBeCloseTo(100);
    expect(box.center.x).toBeCloseTo(120);
    expect(box.center.y).toBeCloseTo(120);
  });

  it('eye order does not matter', () => {
    const a = cropBox({ x: 140, y: 110 }, { x: 100, y: 100 });
    const b = cropBox({ x: 100, y: 100 }, { x: 140, y: 110 });
    expect(a).toEqual(b);
  });

  it('a head tilted by 30 degrees is rotated back by 30 degrees', () => {
    const t = (30 * Math.PI) / 180;
    const left = { x: 200, y: 200 };
    const right = { x: 200 + 50 * Math.cos(t), y: 200 + 50 * Math.sin(t) };
    const box = cropBox(left, right, { size: 2, down: 0 });
    expect(box.angle).toBeCloseTo(-t);
    // Sampling along the crop's middle row walks along the tilted eye line.
    const out = 100;
    const p1 = sourcePoint(box, out, 25, 49.5);
    const p2 = sourcePoint(box, out, 75, 49.5);
    expect(Math.atan2(p2.y - p1.y, p2.x - p1.x)).toBeCloseTo(t);
    // Down in the crop is perpendicular to the eye line.
    const below = sourcePoint(box, out, 49.5, 99);
    const mid = sourcePoint(box, out, 49.5, 49.5);
    expect(Math.atan2(below.y - mid.y, below.x - mid.x)).toBeCloseTo(t + Math.PI / 2);
  });

  it('crops the right pixels', () => {
    // 20x20 image: left half black, right half white.
    const w = 20, h = 20;
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgba.fill(x >= 10 ? 255 : 0, (y * w + x) * 4, (y * w + x) * 4 + 3);
    const box = { center: { x: 10, y: 10 }, size: 10, angle: 0 };
    const crop = cropRgba(rgba, w, h, box, 10);
    expect(crop[(5 * 10 + 1) * 4]).toBe(0);
    expect(crop[(5 * 10 + 8) * 4]).toBe(255);
    // Rotated by 180 degrees the halves swap.
    const flipped = cropRgba(rgba, w, h, { ...box, angle: Math.PI }, 10);
    expect(flipped[(5 * 10 + 1) * 4]).toBe(255);
    expect(flipped[(5 * 10 + 8) * 4]).toBe(0);
  });

  it('measures brightness', () => {
    const dark = new Uint8ClampedArray(16 * 16 * 4).fill(10);
    const bright = new Uint8ClampedArray(16 * 16 * 4).fill(200);
    expect(meanBrightness(dark, 16, 16)).toBeCloseTo(10);
    expect(meanBrightness(bright, 16, 16)).toBeCloseTo(200);
  });
});
