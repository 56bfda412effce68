import { describe, expect, it } from 'vitest';
import { agreeingFaces, cutByEdge, judgeFrame, MIN_FACE_PX, plausibleFace, usableFrames, type FrameVerdict } from '../../../../src/offscreen/faces/checks';
import { distinctFaces, findFaces, tilesOf } from '../../../../src/offscreen/faces/find';
import type { Face } from '../../../../src/offscreen/faces/types';

/** A frontal face as BlazeFace reports one: square box, eyes at ~0.4 of the width apart. */
function face(x: number, y: number, size: number, score = 0.9): Face {
  const k = (fx: number, fy: number) => ({ x: x + fx * size, y: y + fy * size });
  const keypoints = [k(0.3, 0.35), k(0.7, 0.35), k(0.5, 0.55), k(0.5, 0.75), k(0.05, 0.4), k(0.95, 0.4)];
  return { box: { x, y, width: size, height: size }, score, rightEye: keypoints[0], leftEye: keypoints[1], keypoints };
}
/** A detection as measured: score, box x y w h, then eyes, nose and mouth as x y pairs. */
function measured(m: number[]): Face {
  const [score, x, y, width, height, ...k] = m;
  const keypoints = [0, 2, 4, 6].map((i) => ({ x: k[i], y: k[i + 1] }));
  return { box: { x, y, width, height }, score, rightEye: keypoints[0], leftEye: keypoints[1], keypoints };
}
const grey = (luma: number) => ({ rgba: new Uint8ClampedArray(640 * 480 * 4).fill(luma), width: 640, height: 480 });

describe('what a face can look like', () => {
  it('accepts a frontal face and a tilted one', () => {
    expect(plausibleFace(face(200, 100, 200))).toBe(true);
    const f = face(200, 100, 200);
    // Rotate the keypoints 30 degrees about the box centre: still a face.
    const c = { x: 300, y: 200 };
    const rot = (p: { x: number; y: number }) => ({
      x: c.x + (p.x - c.x) * Math.cos(0.5) - (p.y - c.y) * Math.sin(0.5),
      y: c.y + (p.x - c.x) * Math.sin(0.5) + (p.y - c.y) * Math.cos(0.5),
    });
    const keypoints = f.keypoints.map(rot);
    expect(plausibleFace({ ...f, keypoints, rightEye: keypoints[0], leftEye: keypoints[1] })).toBe(true);
  });

  it('rejects detections no face could give', () => {
    const f = face(200, 100, 200);
    // Eyes 30 px apart in a 200 px box (the test pattern's timestamp gives such).
    const close = [{ x: 285, y: 170 }, { x: 315, y: 170 }, ...f.keypoints.slice(2)];
    expect(plausibleFace({ ...f, keypoints: close, rightEye: close[0], leftEye: close[1] })).toBe(false);
    // An eye outside the box.
    const out = [{ x: 150, y: 170 }, ...f.keypoints.slice(1)];
    expect(plausibleFace({ ...f, keypoints: out, rightEye: out[0] })).toBe(false);
    // The mouth level with the eyes.
    const flat = [...f.keypoints.slice(0, 3), { x: 300, y: 172 }, ...f.keypoints.slice(4)];
    expect(plausibleFace({ ...f, keypoints: flat })).toBe(false);
  });

  it("accepts a head turned to one side, and not the test pattern's close-eyed phantoms", () => {
    // MediaPipe on FER2013 dev sad/PublicTest_12445901 at 0.55 of a 640x480 frame: eyes 0.14 of the box.
    expect(plausibleFace(measured([0.58, 259, 145, 172, 172, 302, 195.7, 325.3, 192.8, 288, 223, 309.2, 259.4]))).toBe(true);
    // Chromium's fake-camera test pattern: the eye line steep (44 degrees)...
    expect(plausibleFace(measured([0.63, 13, 3, 335, 335, 183, 64, 216, 99, 131, 9, 117, 95]))).toBe(false);
    // ...or level with the "nose" above the eyes.
    expect(plausibleFace(measured([0.43, 4, 10, 311, 311, 140, 80, 188, 82, 124, 43, 127, 122]))).toBe(false);
  });

  it('tells a face cut by the frame edge', () => {
    expect(cutByEdge(face(200, 100, 200), 640, 480)).toBe(false);
    expect(cutByEdge(face(-60, 100, 200), 640, 480)).toBe(true);
    expect(cutByEdge(face(500, 100, 200), 640, 480)).toBe(true);
    // MediaPipe clips boxes to the image: the eyes still show the face runs past the edge.
    const clipped = face(-70, 100, 200);
    expect(cutByEdge({ ...clipped, box: { x: 0, y: 100, width: 130, height: 200 } }, 640, 480)).toBe(true);
  });
});

describe('one frame', () => {
  it('names the problem with the largest plausible face', () => {
    expect(judgeFrame(grey(120), []).kind).toBe('none');
    expect(judgeFrame(grey(120), [face(200, 100, 200)]).kind).toBe('face');
    expect(judgeFrame(grey(120), [face(300, 200, MIN_FACE_PX - 10)]).kind).toBe('small');
    expect(judgeFrame(grey(120), [face(-80, 100, 200)]).kind).toBe('cut');
    expect(judgeFrame(grey(20), [face(200, 100, 200)]).kind).toBe('face-dark');
    // Too weak to read: only worth saying when it reaches past the edge.
    expect(judgeFrame(grey(120), [face(200, 100, 200, 0.4)]).kind).toBe('none');
    expect(judgeFrame(grey(120), [face(-80, 100, 200, 0.4)]).kind).toBe('cut');
    // A portrait filling a photo's height (FER2013 dev angry/PublicTest_1355981): forehead and
    // chin past the frame, eyes, nose and mouth inside. Read from a photo; a camera user is asked to move.
    const close = measured([0.91, 16, 0, 580, 480, 179.5, 136.6, 420.2, 84.1, 336, 276.4, 358.5, 376]);
    expect(judgeFrame(grey(120), [close]).kind).toBe('cut');
    expect(judgeFrame(grey(120), [close], { still: true }).kind).toBe('face');
    // Half out of the picture is cut in a photo too.
    expect(judgeFrame(grey(120), [face(-90, 100, 200)], { still: true }).kind).toBe('cut');
    const two = judgeFrame(grey(120), [face(20, 20, 100), face(300, 100, 200)]);
    expect(two).toMatchObject({ kind: 'face', faces: 2, face: { box: { x: 300 } } });
  });
});

describe('a whole check', () => {
  const at = (x: number): FrameVerdict => ({ kind: 'face', face: face(x, 100, 200), faces: 1 });
  const none: FrameVerdict = { kind: 'none' };

  it('reads the frames whose face stays in one place', () => {
    expect(usableFrames([at(200), at(205), at(198), at(210), at(202)])).toEqual({ ok: true, frames: [0, 1, 2, 3, 4] });
    // A detection that jumps across the frame is left out.
    expect(usableFrames([at(200), at(205), at(20), at(210), at(202)])).toEqual({ ok: true, frames: [0, 1, 3, 4] });
    expect(agreeingFaces([face(0, 0, 100), face(300, 0, 100), face(5, 0, 100)])).toEqual([0, 2]);
  });

  it('says no face when most frames have none, even if some had one', () => {
    expect(usableFrames([at(200), none, at(200), none, none])).toEqual({ ok: false, code: 'no-face' });
    expect(usableFrames([at(20), at(400), at(200), none, none])).toEqual({ ok: false, code: 'no-face' });
  });

  it('gives the advice most frames call for', () => {
    const small: FrameVerdict = { kind: 'small', face: face(300, 200, 60), faces: 1 };
    const cut: FrameVerdict = { kind: 'cut', face: face(-80, 100, 200), faces: 1 };
    const dark: FrameVerdict = { kind: 'dark' };
    expect(usableFrames([small, small, small, none, none])).toEqual({ ok: false, code: 'face-too-small' });
    expect(usableFrames([cut, cut, cut, small, none])).toEqual({ ok: false, code: 'face-cut' });
    expect(usableFrames([dark, dark, dark, dark, dark])).toEqual({ ok: false, code: 'too-dark' });
    expect(usableFrames([small])).toEqual({ ok: false, code: 'face-too-small' });
  });
});

describe('looking again at tiles', () => {
  it('covers the frame with half-size tiles', () => {
    const tiles = tilesOf(640, 480);
    expect(tiles).toHaveLength(9);
    expect(tiles[0]).toEqual({ x: 0, y: 0, width: 320, height: 240 });
    expect(tiles[8]).toEqual({ x: 320, y: 240, width: 320, height: 240 });
  });

  it('counts a face seen in two tiles once', () => {
    const kept = distinctFaces([face(100, 100, 60, 0.7), face(102, 101, 60, 0.9), face(400, 100, 60, 0.8)]);
    expect(kept.map((f) => f.score)).toEqual([0.9, 0.8]);
  });
});

describe('a large face seen weakly on the whole frame', () => {
  const frame = { data: new Uint8ClampedArray(640 * 480 * 4).fill(128), width: 640, height: 480 };
  // The centre tile starts at (160, 120): that pixel marks it.
  frame.data[(120 * 640 + 160) * 4] = 7;
  const tileIsCentre = (image: ImageData) => image.width === 320 && image.data[0] === 7;
  // A 170 px face in the centre tile (160, 120): too large for a tile alone.
  const inTile = face(70, 40, 170, 0.85);

  it('reads it from the centre tile when the whole frame saw a face there', async () => {
    const weak = face(225, 155, 180, 0.42);
    const found = await findFaces(frame, async (image) => (image.width === 640 ? [weak] : tileIsCentre(image) ? [inTile] : []));
    expect(judgeFrame({ rgba: frame.data, width: 640, height: 480 }, found).kind).toBe('face');
  });

  it("does not take a large tile detection inside a much larger weak one (the test pattern's pacman)", async () => {
    // Measured on a test-pattern frame: a weak 466 px whole-frame "face" around the 207 px pacman in a tile.
    const around = face(59, -37, 466, 0.4);
    const pacman = face(51, 0, 207, 0.7);
    const topLeft = (image: ImageData) => image.width === 320 && image.data[0] === 60;
    const frameWithMark = { ...frame, data: frame.data.slice() };
    frameWithMark.data[0] = 60;
    const found = await findFaces(frameWithMark, async (image) => (image.width === 640 ? [around] : topLeft(image) ? [pacman] : []));
    expect(judgeFrame({ rgba: frameWithMark.data, width: 640, height: 480 }, found).kind).not.toBe('face');
  });

  it("does not take a large tile detection on its own (the test pattern's pacman)", async () => {
    const found = await findFaces(frame, async (image) => (tileIsCentre(image) ? [inTile] : []));
    expect(judgeFrame({ rgba: frame.data, width: 640, height: 480 }, found).kind).toBe('none');
  });
});
