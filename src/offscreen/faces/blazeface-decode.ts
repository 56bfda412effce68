/**
 * Pure arithmetic around MediaPipe's short-range face detector (BlazeFace, 128x128 input),
 * shared by the TF.js path: letterboxing a frame into the model's input and turning its
 * 896x17 output into faces. Facts used (public MediaPipe graph config
 * face_detection_short_range.pbtxt and @vladmandic/human's src/face/blazeface.ts):
 * - anchors: stride 8 (16x16 cells, 2 anchors each) then stride 16 (8x8 cells, 6 each),
 *   centred on their cells, fixed size;
 * - each row: score logit, then box centre x, y and width, height in input pixels
 *   (centre relative to the anchor), then six keypoints x, y relative to the anchor;
 * - input RGB scaled to -1..1; a detection needs sigmoid(score) >= 0.5; overlapping
 *   detections (IoU > 0.3) are merged, weighted by score.
 */
import type { Face, Point } from './types';

export const BLAZEFACE_INPUT = 128;
export const BLAZEFACE_ROW = 17;
const KEYPOINTS = 6;
const MERGE_IOU = 0.3;

/** Anchor centres in input pixels, in the model's output order. */
export function blazefaceAnchors(size = BLAZEFACE_INPUT): Point[] {
  const anchors: Point[] = [];
  for (const [stride, perCell] of [
    [8, 2],
    [16, 6],
  ] as const) {
    const cells = Math.ceil(size / stride);
    for (let y = 0; y < cells; y++) {
      for (let x = 0; x < cells; x++) {
        for (let n = 0; n < perCell; n++) anchors.push({ x: (x + 0.5) * stride, y: (y + 0.5) * stride });
      }
    }
  }
  return anchors;
}

/** Where a frame sits inside the square model input: scale (input px per frame px) and padding. */
export interface Letterbox {
  scale: number;
  padX: number;
  padY: number;
}

export function letterboxOf(width: number, height: number, size = BLAZEFACE_INPUT): Letterbox {
  const scale = size / Math.max(width, height);
  return { scale, padX: (size - width * scale) / 2, padY: (size - height * scale) / 2 };
}

/**
 * The frame shrunk into the square input (RGB, -1..1, black bars), each input pixel the mean
 * of the frame pixels it covers: a 5x shrink by point sampling would alias fine detail into noise.
 */
export function letterboxInput(rgba: ArrayLike<number>, width: number, height: number, size = BLAZEFACE_INPUT): Float32Array {
  const { scale, padX, padY } = letterboxOf(width, height, size);
  const out = new Float32Array(size * size * 3).fill(-1);
  const step = 1 / scale;
  for (let v = 0; v < size; v++) {
    const y0 = (v - padY) * step;
    const y1 = y0 + step;
    if (y1 <= 0 || y0 >= height) continue;
    const ya = Math.max(0, Math.floor(y0));
    const yb = Math.min(height, Math.max(ya + 1, Math.ceil(y1)));
    for (let u = 0; u < size; u++) {
      const x0 = (u - padX) * step;
      const x1 = x0 + step;
      if (x1 <= 0 || x0 >= width) continue;
      const xa = Math.max(0, Math.floor(x0));
      const xb = Math.min(width, Math.max(xa + 1, Math.ceil(x1)));
      let r = 0,
        g = 0,
        b = 0;
      for (let y = ya; y < yb; y++) {
        for (let x = xa; x < xb; x++) {
          const i = (y * width + x) * 4;
          r += rgba[i];
          g += rgba[i + 1];
          b += rgba[i + 2];
        }
      }
      const n = (yb - ya) * (xb - xa) * 127.5;
      const o = (v * size + u) * 3;
      out[o] = r / n - 1;
      out[o + 1] = g / n - 1;
      out[o + 2] = b / n - 1;
    }
  }
  return out;
}

interface Candidate {
  score: number;
  /** x0, y0, x1, y1 in input pixels. */
  box: [number, number, number, number];
  keypoints: Point[];
}

function iou(a: Candidate['box'], b: Candidate['box']): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
}

/** Score-weighted merge of overlapping candidates, as MediaPipe's WEIGHTED non-max suppression does. */
function mergeOverlaps(candidates: Candidate[]): Candidate[] {
  const left = [...candidates].sort((a, b) => b.score - a.score);
  const merged: Candidate[] = [];
  while (left.length) {
    const best = left[0];
    const group = left.filter((c) => iou(best.box, c.box) > MERGE_IOU);
    const total = group.reduce((s, c) => s + c.score, 0);
    const avg = (f: (c: Candidate) => number) => group.reduce((s, c) => s + f(c) * c.score, 0) / total;
    merged.push({
      score: best.score,
      box: [avg((c) => c.box[0]), avg((c) => c.box[1]), avg((c) => c.box[2]), avg((c) => c.box[3])],
      keypoints: best.keypoints.map((_, k) => ({ x: avg((c) => c.keypoints[k].x), y: avg((c) => c.keypoints[k].y) })),
    });
    for (const c of group) left.splice(left.indexOf(c), 1);
  }
  return merged;
}

/** The model's raw output as faces in frame pixels, largest first. */
export function decodeBlazeface(
  raw: ArrayLike<number>,
  frame: { width: number; height: number },
  minScore: number,
  anchors: Point[] = blazefaceAnchors(),
): Face[] {
  if (raw.length !== anchors.length * BLAZEFACE_ROW) throw new RangeError(`expected ${anchors.length * BLAZEFACE_ROW} outputs, got ${raw.length}`);
  const candidates: Candidate[] = [];
  for (let i = 0; i < anchors.length; i++) {
    const o = i * BLAZEFACE_ROW;
    const score = 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, raw[o]))));
    if (score < minScore) continue;
    const a = anchors[i];
    const cx = a.x + raw[o + 1];
    const cy = a.y + raw[o + 2];
    const w = raw[o + 3];
    const h = raw[o + 4];
    if (!(w > 0 && h > 0)) continue;
    const keypoints: Point[] = [];
    for (let k = 0; k < KEYPOINTS; k++) keypoints.push({ x: a.x + raw[o + 5 + 2 * k], y: a.y + raw[o + 6 + 2 * k] });
    candidates.push({ score, box: [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], keypoints });
  }
  const { scale, padX, padY } = letterboxOf(frame.width, frame.height);
  const toFrame = (p: Point): Point => ({ x: (p.x - padX) / scale, y: (p.y - padY) / scale });
  return mergeOverlaps(candidates)
    .map((c) => {
      const topLeft = toFrame({ x: c.box[0], y: c.box[1] });
      const keypoints = c.keypoints.map(toFrame);
      return {
        box: { x: topLeft.x, y: topLeft.y, width: (c.box[2] - c.box[0]) / scale, height: (c.box[3] - c.box[1]) / scale },
        score: c.score,
        rightEye: keypoints[0],
        leftEye: keypoints[1],
        keypoints,
      };
    })
    .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
}
