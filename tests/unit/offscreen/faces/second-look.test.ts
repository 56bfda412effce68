import { describe, expect, it } from 'vitest';
import { judgeFrame } from '../../../../src/offscreen/faces/checks';
import type { Face } from '../../../../src/offscreen/faces/types';
import { findFaces } from '../../../../src/offscreen/faces/find';
import { cutSquare, inFrame, LOOK_SIDE, squareAround } from '../../../../src/offscreen/faces/second-look';

/** A frontal face as BlazeFace reports one: square box, eyes at ~0.4 of the width apart. */
function face(x: number, y: number, size: number, score = 0.9): Face {
  const k = (fx: number, fy: number) => ({ x: x + fx * size, y: y + fy * size });
  const keypoints = [k(0.3, 0.35), k(0.7, 0.35), k(0.5, 0.55), k(0.5, 0.75), k(0.05, 0.4), k(0.95, 0.4)];
  return { box: { x, y, width: size, height: size }, score, rightEye: keypoints[0], leftEye: keypoints[1], keypoints };
}

describe('the square looked at again', () => {
  it('is LOOK_SIDE face widths, centred on the face', () => {
    const s = squareAround({ x: 230, y: 160, width: 170, height: 170 });
    expect(s.side).toBe(Math.round(LOOK_SIDE * 170));
    expect(s.x + s.side / 2).toBeCloseTo(315, 0);
    expect(s.y + s.side / 2).toBeCloseTo(245, 0);
  });

  it("copies the frame's pixels and is grey past its edge", () => {
    // A 4x2 frame whose red channel numbers its pixels.
    const data = new Uint8ClampedArray(4 * 2 * 4);
    for (let i = 0; i < 8; i++) data[i * 4] = i + 1;
    const out = cutSquare({ data, width: 4, height: 2 }, { x: 2, y: -1, side: 3 });
    const red = Array.from({ length: 9 }, (_, i) => out.data[i * 4]);
    // Row -1 is above the frame; columns 2..3 of rows 0..1, then column 4 is past the right edge.
    expect(red).toEqual([128, 128, 128, 3, 4, 128, 7, 8, 128]);
  });

  it('moves a face found in the square back to frame pixels', () => {
    const f = inFrame(face(10, 20, 100), 111, 41);
    expect(f.box).toEqual({ x: 121, y: 61, width: 100, height: 100 });
    expect(f.rightEye).toEqual({ x: 121 + 30, y: 61 + 35 });
    expect(f.leftEye).toBe(f.keypoints[1]);
  });
});

describe('a face only the centre tile sees', () => {
  const frame = { data: new Uint8ClampedArray(640 * 480 * 4).fill(128), width: 640, height: 480 };
  // The centre tile starts at (160, 120): that pixel marks it.
  frame.data[(120 * 640 + 160) * 4] = 7;
  const isCentreTile = (image: ImageData) => image.width === 320 && image.data[0] === 7;
  const isSquare = (image: ImageData) => image.width === image.height;
  // A 170 px face at (230, 160) of the frame; nothing on the whole frame.
  const inTile = face(70, 40, 170, 0.85);
  const square = squareAround({ x: 230, y: 160, width: 170, height: 170 });
  const judge = (found: Face[]) => judgeFrame({ rgba: frame.data, width: 640, height: 480 }, found).kind;
  const run = (again: Face[], tileFace = inTile) => findFaces(frame, async (image) => (isCentreTile(image) ? [tileFace] : isSquare(image) ? again : []));

  it('is read when a second look finds the same face', async () => {
    const found = await run([face(230 - square.x + 3, 160 - square.y, 165, 0.7)]);
    expect(judge(found)).toBe('face');
    // The face kept is the second look's, in frame pixels.
    expect(found.some((f) => f.score === 0.7 && Math.abs(f.box.x - 233) < 1e-9 && f.box.width === 165)).toBe(true);
  });

  it('is not read when the second look finds nothing, or only a weak face', async () => {
    expect(judge(await run([]))).toBe('none');
    expect(judge(await run([face(230 - square.x, 160 - square.y, 170, 0.45)]))).toBe('none');
  });

  it('is not read when the second look sees something of another size or elsewhere', async () => {
    // 1.5x larger around the same centre: the pacman's second look grows like this.
    expect(judge(await run([face(230 - square.x - 42, 160 - square.y - 42, 255, 0.8)]))).toBe('none');
    expect(judge(await run([face(0, 0, 170, 0.8)]))).toBe('none');
  });

  it('is not read when the second look sees no face shape', async () => {
    const f = face(230 - square.x, 160 - square.y, 170, 0.8);
    // Mouth above the eyes.
    const keypoints = [...f.keypoints.slice(0, 3), { x: f.keypoints[3].x, y: f.box.y + 5 }, ...f.keypoints.slice(4)];
    expect(judge(await run([{ ...f, keypoints }]))).toBe('none');
  });

  it("is not read when the second look's face runs past the frame (the test pattern's pacman at the top)", async () => {
    // A 170 px face at the top edge of the top-middle tile (160, 0), marked by its first pixel.
    const marked = { ...frame, data: frame.data.slice() };
    marked.data[160 * 4] = 9;
    const isTopMiddle = (image: ImageData) => image.width === 320 && image.data[0] === 9;
    const s = squareAround({ x: 230, y: 0, width: 170, height: 170 });
    const look = (again: Face) => findFaces(marked, async (image) => (isTopMiddle(image) ? [face(70, 0, 170, 0.7)] : isSquare(image) ? [again] : []));
    // The second look sees it reaching 12 px above the frame.
    expect(judge(await look(face(230 - s.x, -12 - s.y, 175, 0.6)))).toBe('none');
    // The same seen wholly inside the frame is read.
    expect(judge(await look(face(230 - s.x, 2 - s.y, 170, 0.6)))).toBe('face');
  });

  it("is read when it crosses the tile's edge and the second look sees it whole", async () => {
    // 220 px tall from y 29 of a 240 px tile: past its bottom edge.
    const crossing = face(49, 29, 220, 0.87);
    const s = squareAround({ x: 209, y: 149, width: 220, height: 220 });
    expect(judge(await run([], crossing))).toBe('none');
    expect(judge(await run([face(209 - s.x, 152 - s.y, 215, 0.6)], crossing))).toBe('face');
  });
});
