import type { CameraSession } from './camera';
import { meanBrightness, type Frame } from './frame';

/** Below this mean level a frame is a camera still starting (black), never a settled picture. */
const STARTING_BELOW = 3;

/**
 * Frames until the picture's brightness stops changing (auto-exposure has settled), or
 * `maxMs` has passed; returns the first settled frame (or the last one seen) and how many
 * frames that took, `first` included. `delta` is in luma levels (0-255) between consecutive
 * frames. `first` is the frame the caller already took from the camera; with `frames === 2`
 * the camera was settled from that first frame on.
 */
export async function settle(camera: CameraSession, opts: { first: Frame; maxMs?: number; delta?: number }): Promise<{ frame: Frame; frames: number }> {
  const { first, maxMs = 1000, delta = 2 } = opts;
  const started = performance.now();
  let frame = first;
  let level = meanBrightness(frame.rgba, frame.width, frame.height, 8);
  let frames = 1;
  while (performance.now() - started < maxMs) {
    const next = await camera.next();
    frames++;
    const nextLevel = meanBrightness(next.rgba, next.width, next.height, 8);
    frame = next;
    if (Math.abs(nextLevel - level) <= delta && nextLevel >= STARTING_BELOW) break;
    level = nextLevel;
  }
  return { frame, frames };
}
