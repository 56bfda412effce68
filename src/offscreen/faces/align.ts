/**
 * Turns a detected face into an upright square crop framed the way the emotion
 * model's training faces were. Pure arithmetic on RGBA pixels, so it is unit-tested
 * and identical in every context.
 */
import type { Point } from './types';

/** Crop framing in units of the distance between the eyes. */
export interface CropGeometry {
  /** Side of the square crop. */
  size: number;
  /** How far below the eye midpoint the crop's centre lies. */
  down: number;
}

/**
 * FER2013 faces: eye distance ~0.37 of the image side and the eyes ~0.4 from the top.
 * Measured on dev images with our detector; see tools/eval (framing report).
 */
export const FER_GEOMETRY: CropGeometry = { size: 2.7, down: 0.3 };

export interface CropBox {
  center: Point;
  size: number;
  /** Radians to rotate the image by so the eyes become level. */
  angle: number;
}

/**
 * The shortest eye distance the crop is scaled by, as a share of the detector's face width. A
 * head turned to one side brings the eyes together (down to 0.1 of the width) while the face
 * stays as wide, so 2.7 eye distances cut out a cheek. The detector's eye distance is about
 * 0.43 of its box for a frontal face (median over FER2013 dev faces, 0.41-0.44 for half of
 * them), so the floor changes mostly faces whose eyes measure short. Chosen on dev through the
 * pipeline (tools/train/README.md, "Crop scale"): faces with eyes under 0.3 of the box read
 * 56-62 % right instead of 34-37 %, and all dev faces 0.8-0.9 points more at frames 0.4 and
 * 0.55 (0.1 at 1.0, where the face fills the picture).
 */
export const MIN_EYE_SHARE = 0.42;

/**
 * `eyeA` and `eyeB` are the two eyes in any order; the one further left in the image leads.
 * `faceWidth` (the detector's box width; 0 when unknown) sets the eye distance's floor.
 */
export function cropBox(eyeA: Point, eyeB: Point, geometry: CropGeometry = FER_GEOMETRY, faceWidth = 0): CropBox {
  const [left, right] = eyeA.x <= eyeB.x ? [eyeA, eyeB] : [eyeB, eyeA];
  const dx = right.x - left.x;
  const dy = right.y - left.y;
  const eyeDistance = Math.max(Math.hypot(dx, dy), MIN_EYE_SHARE * faceWidth);
  const tilt = Math.atan2(dy, dx);
  const mid = { x: (left.x + right.x) / 2, y: (left.y + right.y) / 2 };
  // "Down" is perpendicular to the eye line, so it follows the head's tilt.
  const down = geometry.down * eyeDistance;
  const center = { x: mid.x - Math.sin(tilt) * down, y: mid.y + Math.cos(tilt) * down };
  return { center, size: geometry.size * eyeDistance, angle: -tilt };
}

/**
 * The image point `ox`, `oy` pixels from the crop's centre along the levelled face's axes (right
 * and down): the levelling rotation undone, i.e. the offset rotated by -angle (= the tilt).
 */
function fromCentre(box: CropBox, ox: number, oy: number): Point {
  const c = Math.cos(-box.angle);
  const s = Math.sin(-box.angle);
  return { x: box.center.x + ox * c - oy * s, y: box.center.y + ox * s + oy * c };
}

/**
 * The same crop moved by `dx` and `dy` of its side along its own axes (right and down in the
 * levelled face), so a shift means the same on a tilted head.
 */
export function shiftBox(box: CropBox, dx: number, dy: number): CropBox {
  return { ...box, center: fromCentre(box, dx * box.size, dy * box.size) };
}

/** Where output pixel (u, v) of an `out`-sized crop samples the source image. */
export function sourcePoint(box: CropBox, out: number, u: number, v: number): Point {
  const scale = box.size / out;
  return fromCentre(box, (u + 0.5 - out / 2) * scale, (v + 0.5 - out / 2) * scale);
}

/**
 * A coordinate (in pixel-centre units, 0..n-1 inside) reflected back into the image about its
 * first and last pixel, as OpenCV's BORDER_REFLECT_101 does.
 */
export function mirrorCoord(x: number, n: number): number {
  if (n <= 1) return 0;
  const period = 2 * (n - 1);
  const m = ((x % period) + period) % period;
  return m > n - 1 ? period - m : m;
}

/**
 * Bilinear resample of the box into an `out`x`out` RGBA image. Where a levelled crop reaches
 * past the frame, the frame is mirrored: clamping would smear the edge pixels into stripes
 * (which the heatmap then lights up on), and no training face looks like that, while a
 * mirrored edge continues the texture of hair, skin or background.
 */
export function cropRgba(rgba: ArrayLike<number>, width: number, height: number, box: CropBox, out: number): Uint8ClampedArray<ArrayBuffer> {
  const dst = new Uint8ClampedArray(out * out * 4);
  for (let v = 0; v < out; v++) {
    for (let u = 0; u < out; u++) {
      const p = sourcePoint(box, out, u, v);
      const x = mirrorCoord(p.x - 0.5, width);
      const y = mirrorCoord(p.y - 0.5, height);
      const x0 = Math.floor(x),
        y0 = Math.floor(y);
      const x1 = Math.min(width - 1, x0 + 1),
        y1 = Math.min(height - 1, y0 + 1);
      const fx = x - x0,
        fy = y - y0;
      const o = (v * out + u) * 4;
      for (let c = 0; c < 3; c++) {
        const a = rgba[(y0 * width + x0) * 4 + c] * (1 - fx) + rgba[(y0 * width + x1) * 4 + c] * fx;
        const b = rgba[(y1 * width + x0) * 4 + c] * (1 - fx) + rgba[(y1 * width + x1) * 4 + c] * fx;
        dst[o + c] = a * (1 - fy) + b * fy;
      }
      dst[o + 3] = 255;
    }
  }
  return dst;
}
