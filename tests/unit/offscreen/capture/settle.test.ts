import { describe, expect, it } from 'vitest';
import type { CameraSession } from '../../../../src/offscreen/capture/camera';
import type { Frame } from '../../../../src/offscreen/capture/frame';
import { settle } from '../../../../src/offscreen/capture/settle';

/** A uniform grey frame of one brightness level. */
function frame(level: number): Frame {
  const side = 16;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(level);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  return { width: side, height: side, rgba };
}

/** A camera that delivers the given brightness levels, one frame per `next()`. */
function camera(levels: number[]): CameraSession {
  let i = 0;
  return {
    openMs: 0,
    next: () => Promise.resolve(frame(levels[Math.min(i++, levels.length - 1)])),
    stop: () => undefined,
  };
}

describe('settling the camera', () => {
  it('is settled at the second frame when it matches the first, so the first counts too', async () => {
    const { frame: settled, frames } = await settle(camera([121, 200]), { first: frame(120) });
    expect(frames).toBe(2);
    expect(settled.rgba[0]).toBe(121);
  });

  it('waits while auto-exposure still changes the picture', async () => {
    const { frame: settled, frames } = await settle(camera([60, 90, 110, 111, 112]), { first: frame(30) });
    expect(frames).toBe(5);
    expect(settled.rgba[0]).toBe(111);
  });

  it('never takes the black frames of a camera still starting for a settled picture', async () => {
    const { frame: settled, frames } = await settle(camera([0, 1, 80, 81]), { first: frame(0) });
    expect(frames).toBe(5);
    expect(settled.rgba[0]).toBe(81);
  });

  it('gives up after maxMs with the last frame seen', async () => {
    let level = 0;
    const changing: CameraSession = { openMs: 0, next: () => new Promise((r) => setTimeout(() => r(frame((level += 20) % 250)), 5)), stop: () => undefined };
    const { frames } = await settle(changing, { first: frame(10), maxMs: 40 });
    expect(frames).toBeGreaterThan(1);
    expect(frames).toBeLessThan(20);
  });
});
