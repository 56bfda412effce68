import { describe, expect, it } from 'vitest';
import { placeInFrame } from '../../../tools/camera/image';
import { parseY4m, rgbaToI420, writeY4m, type RgbaImage } from '../../../tools/camera/y4m';

function solid(width: number, height: number, rgb: [number, number, number]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...rgb, 255], i);
  return { width, height, data };
}

describe('y4m writer', () => {
  it('writes the header and the right number of frames', () => {
    const clip = writeY4m([solid(8, 6, [255, 255, 255]), solid(8, 6, [0, 0, 0])], { fps: 10, framesEach: 3 });
    const parsed = parseY4m(clip);
    expect(parsed).toMatchObject({ width: 8, height: 6, fps: 10, frames: 6 });
    expect(new TextDecoder().decode(clip.subarray(0, 45))).toMatch(/^YUV4MPEG2 W8 H6 F10:1 Ip A1:1 C420jpeg\nFRAME\n/);
    expect([...parsed.luma].every((y) => y === 255)).toBe(true);
  });

  it('converts colours with full-range BT.601', () => {
    const planes = rgbaToI420(solid(2, 2, [255, 0, 0]));
    expect(planes[0]).toBe(76); // Y of pure red
    expect(planes[4]).toBe(85); // U
    expect(planes[5]).toBe(255); // V
    const grey = rgbaToI420(solid(2, 2, [128, 128, 128]));
    expect([...grey]).toEqual([128, 128, 128, 128, 128, 128]);
  });

  it('refuses odd sizes and mixed sizes', () => {
    expect(() => rgbaToI420(solid(3, 2, [0, 0, 0]))).toThrow(/even/);
    expect(() => writeY4m([solid(2, 2, [0, 0, 0]), solid(4, 2, [0, 0, 0])])).toThrow(/same size/);
  });

  it('centres and scales a picture into a 640x480 frame', () => {
    const white = solid(48, 48, [255, 255, 255]);
    const frame = placeInFrame(white, { fill: 0.5 });
    expect(frame.width).toBe(640);
    const at = (x: number, y: number) => frame.data[(y * 640 + x) * 4];
    expect(at(320, 240)).toBe(255); // centre: the picture
    expect(at(10, 10)).toBe(128); // corner: grey background
    expect(at(320, 240 - 119)).toBe(255); // 240 px tall picture spans 120..359
    expect(at(320, 240 - 125)).toBe(128);
  });
});
