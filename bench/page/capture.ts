/**
 * How the peers' Detect check takes its frames: MoodDJ's own camera session
 * (src/offscreen/capture/camera.ts), a fixed wait for auto-exposure, then `count` frames spread
 * over `spreadMs`; every track stopped before it returns. MoodDJ's own checks read frames as the
 * camera delivers them instead (src/offscreen/check/analyze.ts); this fixed recipe, the one they
 * used before, keeps the peers' checks simple and the same for both.
 */
import type { Frame } from '../../src/offscreen/capture/frame';
import { openCamera } from '../../src/offscreen/capture/camera';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function captureFrames(opts: { count: number; spreadMs?: number; settleMs?: number }): Promise<{ frames: Frame[]; cameraMs: number }> {
  const started = performance.now();
  const { count, spreadMs = 500, settleMs = 300 } = opts;
  const camera = await openCamera();
  try {
    await sleep(settleMs);
    const frames: Frame[] = [];
    const gap = count > 1 ? spreadMs / (count - 1) : 0;
    for (let i = 0; i < count; i++) {
      if (i) await sleep(gap);
      frames.push(await camera.next());
    }
    return { frames, cameraMs: performance.now() - started };
  } finally {
    camera.stop();
  }
}
