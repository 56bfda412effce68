/**
 * A second look at a face that only a tile saw, for find-faces.ts. A tile is cut for faces too
 * small for the whole frame; a larger face there (or one crossing the tile's edge) may be a real
 * face the whole frame saw too weakly, or a phantom of the tile's framing. Looking again at a
 * square around it, where the detector sees it whole and at a size it knows, tells them apart
 * by whether the same face shows up again.
 */
import type { Face, Point, Rgba } from './types';

/** Side of the square looked at, in widths of the tile's face: the face fills ~40 % of it, a size BlazeFace short range reads well. */
export const LOOK_SIDE = 2.4;
/** Grey for the part of the square outside the frame, as withMargin's border. */
const OUTSIDE = 128;

export interface Square {
  x: number;
  y: number;
  side: number;
}

/** The square of LOOK_SIDE face widths centred on `box`, in frame pixels (it may reach past the frame). */
export function squareAround(box: Face['box']): Square {
  const side = Math.round(LOOK_SIDE * Math.max(box.width, box.height));
  return { x: Math.round(box.x + box.width / 2 - side / 2), y: Math.round(box.y + box.height / 2 - side / 2), side };
}

/** The pixels of `s`, grey where it lies outside the frame. */
export function cutSquare(frame: Rgba, s: Square): ImageData {
  const out = new Uint8ClampedArray(s.side * s.side * 4).fill(OUTSIDE);
  const x0 = Math.max(0, s.x);
  const x1 = Math.min(frame.width, s.x + s.side);
  if (x1 <= x0) return new ImageData(out, s.side, s.side);
  for (let y = Math.max(0, s.y); y < Math.min(frame.height, s.y + s.side); y++) {
    const from = (y * frame.width + x0) * 4;
    out.set(frame.data.subarray(from, from + (x1 - x0) * 4), ((y - s.y) * s.side + (x0 - s.x)) * 4);
  }
  return new ImageData(out, s.side, s.side);
}

/** `f` found in an image whose top-left corner lies at (dx, dy) of the frame, in frame pixels. */
export function inFrame(f: Face, dx: number, dy: number): Face {
  const move = (p: Point) => ({ x: p.x + dx, y: p.y + dy });
  const keypoints = f.keypoints.map(move);
  return { ...f, box: { ...f.box, x: f.box.x + dx, y: f.box.y + dy }, keypoints, rightEye: keypoints[0], leftEye: keypoints[1] };
}
