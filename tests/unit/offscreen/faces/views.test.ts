import { describe, expect, it } from 'vitest';
import { cropBox, cropRgba, FER_GEOMETRY, shiftBox } from '../../../../src/offscreen/faces/align';
import type { Frame } from '../../../../src/offscreen/capture/frame';
import { cropFromRgba } from '../../../../src/offscreen/faces/crop';
import type { Face } from '../../../../src/offscreen/faces/types';
import { CROP_OVERSAMPLE, faceCrops, PHOTO_VIEWS, VIEW_SHIFT } from '../../../../src/offscreen/faces/views';
import { combineViews, meanProbabilities, temper, VIEWS_TEMPERATURE } from '../../../../src/offscreen/model/combine';
import { toProbabilities, topEmotion } from '../../../../src/shared/emotions';

// A 320x240 frame whose red and green channels ramp with x and y, so every crop of it differs.
const width = 320;
const height = 240;
const rgba = new Uint8ClampedArray(width * height * 4);
for (let y = 0; y < height; y++) {
  for (let x = 0; x < width; x++) {
    const i = (y * width + x) * 4;
    rgba.set([(x * 255) / width, (y * 255) / height, 60, 255], i);
  }
}
const frame: Frame = { rgba, width, height };
const eyes = { rightEye: { x: 140, y: 110 }, leftEye: { x: 180, y: 112 } };
const face: Face = { box: { x: 120, y: 80, width: 90, height: 90 }, score: 0.9, ...eyes, keypoints: [eyes.rightEye, eyes.leftEye] };

describe('the crops a face is read from', () => {
  it('a camera frame: the centred crop alone, framed by the eyes', () => {
    const { cut, views } = faceCrops(frame, face, 40, false);
    expect(views).toHaveLength(1);
    expect(views[0]).toBe(cut.crop);
    expect(cut.size).toBe(40 * CROP_OVERSAMPLE);
    const box = cropBox(face.leftEye, face.rightEye, FER_GEOMETRY, face.box.width);
    expect(cut.rgba).toEqual(cropRgba(rgba, width, height, box, cut.size));
  });

  it('a photo: the centred crop and four moved by VIEW_SHIFT of its side, right, left, down and up', () => {
    const { cut, views } = faceCrops(frame, face, 40, true);
    expect(views).toHaveLength(PHOTO_VIEWS);
    expect(views[0]).toBe(cut.crop);
    const box = cropBox(face.leftEye, face.rightEye, FER_GEOMETRY, face.box.width);
    const moves = [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ];
    moves.forEach(([x, y], i) => {
      const expected = cropFromRgba(cropRgba(rgba, width, height, shiftBox(box, x * VIEW_SHIFT, y * VIEW_SHIFT), cut.size), cut.size);
      expect(views[i + 1].data).toEqual(expected.data);
      expect(views[i + 1].data).not.toEqual(cut.crop.data);
    });
  });

  it("the views' readings: one passes through, several are averaged and made surer by VIEWS_TEMPERATURE", () => {
    const a = toProbabilities([0.1, 0, 0, 0.6, 0.1, 0.1, 0.1]);
    const b = toProbabilities([0.2, 0, 0, 0.4, 0.2, 0.1, 0.1]);
    expect(combineViews([a])).toEqual(a);
    const both = combineViews([a, b]);
    expect(both).toEqual(temper(meanProbabilities([a, b]), VIEWS_TEMPERATURE));
    expect(VIEWS_TEMPERATURE).toBeLessThan(1);
    expect(both.happy).toBeGreaterThan(0.5);
    expect(topEmotion(both).emotion).toBe('happy');
  });
});
