import { describe, expect, it } from 'vitest';
import { meanBrightness } from '../../../../src/offscreen/capture/frame';
import { cropBox, cropRgba, MIN_EYE_SHARE, mirrorCoord, shiftBox, sourcePoint } from '../../../../src/offscreen/faces/align';

describe('face alignment', () => {
  it('level eyes need no rotation and the crop sits below the eye midpoint', () => {
    const box = cropBox({ x: 100, y: 100 }, { x: 140, y: 100 }, { size: 2.5, down: 0.5 });
    expect(box.angle).toBeCloseTo(0);
    expect(box.size).toBeCloseTo(100);
    expect(box.center.x).toBeCloseTo(120);
    expect(box.center.y).toBeCloseTo(120);
  });

  it('eyes close together for the face (a turned head) are scaled up to the floor; wide-set eyes are not', () => {
    // Eyes 20 px apart in a 200 px face: the floor (MIN_EYE_SHARE of the width) rules.
    const turned = cropBox({ x: 100, y: 100 }, { x: 120, y: 100 }, { size: 2.5, down: 0.5 }, 200);
    expect(turned.size).toBeCloseTo(2.5 * MIN_EYE_SHARE * 200);
    expect(turned.center.x).toBeCloseTo(110);
    // The eye line keeps its place in the crop: the centre moves down with the scale.
    expect(turned.center.y).toBeCloseTo(100 + 0.5 * MIN_EYE_SHARE * 200);
    // Eyes at the usual share of the face width keep their own scale.
    const frontal = cropBox({ x: 100, y: 100 }, { x: 186, y: 100 }, { size: 2.5, down: 0.5 }, 200);
    expect(frontal.size).toBeCloseTo(2.5 * 86);
    // Without a face width there is no floor.
    expect(cropBox({ x: 100, y: 100 }, { x: 120, y: 100 }, { size: 2.5, down: 0.5 }).size).toBeCloseTo(50);
  });

  it("a shifted crop moves along its own axes: on a tilted head, 'right' follows the eye line", () => {
    const t = (30 * Math.PI) / 180;
    const box = cropBox({ x: 200, y: 200 }, { x: 200 + 50 * Math.cos(t), y: 200 + 50 * Math.sin(t) }, { size: 2, down: 0 });
    const right = shiftBox(box, 0.1, 0);
    expect(right.size).toBe(box.size);
    expect(right.angle).toBe(box.angle);
    expect(Math.hypot(right.center.x - box.center.x, right.center.y - box.center.y)).toBeCloseTo(0.1 * box.size);
    expect(Math.atan2(right.center.y - box.center.y, right.center.x - box.center.x)).toBeCloseTo(t);
    // Down is perpendicular to the eye line; on a level face the shifts are plain x and y.
    const down = shiftBox(box, 0, 0.1);
    expect(Math.atan2(down.center.y - box.center.y, down.center.x - box.center.x)).toBeCloseTo(t + Math.PI / 2);
    const level = shiftBox(cropBox({ x: 100, y: 100 }, { x: 140, y: 100 }, { size: 2.5, down: 0.5 }), -0.1, 0.2);
    expect(level.center.x).toBeCloseTo(120 - 10);
    expect(level.center.y).toBeCloseTo(120 + 20);
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
    const w = 20,
      h = 20;
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

describe('crops that reach past the frame', () => {
  // A frame of noise: any smearing of edge pixels shows as runs of equal values.
  const W = 120;
  const H = 100;
  const frame = new Uint8ClampedArray(W * H * 4);
  let seed = 7;
  for (let i = 0; i < frame.length; i++) frame[i] = i % 4 === 3 ? 255 : (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
  const lumaAt = (x: number, y: number) => frame[(y * W + x) * 4];

  it('mirrors coordinates about the first and last pixel', () => {
    expect(mirrorCoord(-1, 10)).toBe(1);
    expect(mirrorCoord(-3.5, 10)).toBe(3.5);
    expect(mirrorCoord(10, 10)).toBe(8);
    expect(mirrorCoord(4, 10)).toBe(4);
    expect(mirrorCoord(-20, 10)).toBe(2);
  });

  it('fills outside the frame with mirrored pixels, not smeared edges, for a rotated face at the left edge', () => {
    // Eyes 8 px from the left edge, head tilted 25 degrees: the crop reaches well past x = 0.
    const tilt = (25 * Math.PI) / 180;
    const left = { x: 8, y: 40 };
    const right = { x: left.x + 36 * Math.cos(tilt), y: left.y + 36 * Math.sin(tilt) };
    const box = cropBox(left, right);
    const out = 48;
    const crop = cropRgba(frame, W, H, box, out);
    let outside = 0;
    for (let v = 0; v < out; v++) for (let u = 0; u < out; u++) if (sourcePoint(box, out, u, v).x < 0) outside++;
    expect(outside).toBeGreaterThan(out * 4);

    // Expected: the same crop from a frame padded by mirroring its pixels, where nothing is outside.
    const PW = 3 * W;
    const PH = 3 * H;
    const padded = new Uint8ClampedArray(PW * PH * 4);
    const reflect = (i: number, n: number) => (i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i);
    for (let y = 0; y < PH; y++) {
      for (let x = 0; x < PW; x++) {
        const from = (reflect(y - H, H) * W + reflect(x - W, W)) * 4;
        padded.set(frame.subarray(from, from + 4), (y * PW + x) * 4);
      }
    }
    const shifted = { ...box, center: { x: box.center.x + W, y: box.center.y + H } };
    const expected = cropRgba(padded, PW, PH, shifted, out);
    let worst = 0;
    for (let i = 0; i < crop.length; i++) worst = Math.max(worst, Math.abs(crop[i] - expected[i]));
    expect(worst).toBeLessThanOrEqual(1);

    // Clamping instead would repeat the edge column: outside pixels would equal frame column 0 sampled at their y.
    let sameAsEdge = 0;
    for (let v = 0; v < out; v++) {
      for (let u = 0; u < out; u++) {
        const p = sourcePoint(box, out, u, v);
        if (p.x >= -2) continue;
        const y = Math.min(H - 1, Math.max(0, Math.round(p.y - 0.5)));
        if (Math.abs(crop[(v * out + u) * 4] - lumaAt(0, y)) < 3) sameAsEdge++;
      }
    }
    expect(sameAsEdge).toBeLessThan(outside / 4);
  });
});
