import { describe, expect, it, vi } from 'vitest';
import type { Face } from '../../../../src/offscreen/faces/types';
import { detectWithMargin as detectWith, withMargin, RETRY_MARGIN } from '../../../../src/offscreen/faces/padded-detect';

const detect = vi.fn<(image: ImageData) => Face[]>();
const detectWithMargin = (image: ImageData) => detectWith(image, (i) => Promise.resolve(detect(i)));

function image(width: number, height: number, value: number): ImageData {
  return new ImageData(new Uint8ClampedArray(width * height * 4).fill(value), width, height);
}

function faceAt(x: number, y: number): Face {
  return {
    box: { x, y, width: 50, height: 50 },
    score: 0.9,
    rightEye: { x: x + 10, y: y + 10 },
    leftEye: { x: x + 40, y: y + 10 },
    keypoints: [
      { x: x + 10, y: y + 10 },
      { x: x + 40, y: y + 10 },
    ],
  };
}

describe('detectWithMargin', () => {
  it('puts the frame in the middle of a grey border', () => {
    const out = withMargin(image(2, 1, 200), 1);
    expect([out.width, out.height]).toEqual([4, 3]);
    const grey = (i: number) => out.data[i * 4];
    expect([0, 1, 2, 3, 4, 7, 8, 11].map(grey)).toEqual(Array(8).fill(128));
    expect([5, 6].map(grey)).toEqual([200, 200]);
  });

  it('keeps the first answer when the frame has a face', async () => {
    detect.mockReset().mockReturnValueOnce([faceAt(5, 5)]);
    expect(await detectWithMargin(image(100, 80, 90))).toEqual([faceAt(5, 5)]);
    expect(detect).toHaveBeenCalledTimes(1);
  });

  it('looks again with a margin and reports the face in frame coordinates', async () => {
    const margin = Math.round(RETRY_MARGIN * 100);
    detect
      .mockReset()
      .mockReturnValueOnce([])
      .mockReturnValueOnce([faceAt(margin + 7, margin - 3)]);
    const found = await detectWithMargin(image(100, 80, 90));
    expect(detect).toHaveBeenCalledTimes(2);
    expect(detect.mock.calls[1][0].width).toBe(100 + 2 * margin);
    expect(found).toEqual([faceAt(7, -3)]);
  });

  it('says no face when neither look finds one', async () => {
    detect.mockReset().mockReturnValue([]);
    expect(await detectWithMargin(image(100, 80, 90))).toEqual([]);
  });
});
