/**
 * Many checks in a row must not leak: tensor count flat, offscreen JS heap flat after
 * garbage collection, no stray media elements. 1,000 photo checks exercise detection,
 * alignment and the model; 40 camera checks exercise capture (a camera check takes about
 * a second, so 1,000 of them would not fit CI's time).
 */
import { photoDataUrl } from '../../tools/camera/image';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipOf, detectInPopup, FER_DEV, hasShared, launchExtension, offscreenEval, SHARED_MISSING, type ExtensionSession } from './harness';

const HAPPY = join(FER_DEV, 'happy/PublicTest_11060787.jpg');
const PHOTO_CHECKS = 1000;
const CAMERA_CHECKS = 40;

if (!hasShared) console.warn(`SKIPPED endurance e2e tests: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('1,000 checks in a row', () => {
  let session: ExtensionSession;
  let popup: Page;
  beforeAll(async () => {
    session = await launchExtension({ camera: clipOf([HAPPY], 'endurance') });
    popup = await session.openPopup();
    await popup.evaluate(() => chrome.storage.local.set({ framesPerCheck: 1 }));
    expect((await detectInPopup(popup)).error).toBeNull();
  });
  afterAll(async () => {
    await session?.close();
  });

  async function heapAfterGc(): Promise<number> {
    const target = await session.browser.waitForTarget((t) => t.url().endsWith('/src/offscreen/index.html'));
    const cdp = await target.createCDPSession();
    try {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return usedSize;
    } finally {
      await cdp.detach();
    }
  }

  it('tensors, heap and media elements stay flat', async () => {
    const photo = photoDataUrl(HAPPY, 0.55);
    const tensors0 = await offscreenEval<number>(session, 'globalThis.mooddjDebug.numTensors()');
    const heap0 = await heapAfterGc();
    // In batches, so no single DevTools call runs long enough to time out.
    let failures = 0;
    for (let done = 0; done < PHOTO_CHECKS; done += 100) {
      failures += await popup.evaluate(
        async (dataUrl, n) => {
          let failed = 0;
          for (let i = 0; i < n; i++) {
            const reply = await chrome.runtime.sendMessage({
              target: 'background',
              name: 'detect',
              payload: { source: { kind: 'photo', dataUrl }, trigger: 'popup' },
            });
            if (!reply?.ok) failed++;
          }
          return failed;
        },
        photo,
        Math.min(100, PHOTO_CHECKS - done),
      );
    }
    expect(failures).toBe(0);
    for (let i = 0; i < CAMERA_CHECKS; i++) expect((await detectInPopup(popup)).error).toBeNull();
    expect(await offscreenEval<number>(session, 'globalThis.mooddjDebug.numTensors()')).toBe(tensors0);
    const heap1 = await heapAfterGc();
    // Allow for caches that settle early (compiled kernels); a per-check leak of even a
    // few kilobytes would add megabytes over 1,040 checks.
    expect(heap1 - heap0).toBeLessThan(4 * 1024 * 1024);
    expect(await offscreenEval<number>(session, 'document.querySelectorAll("video, canvas").length')).toBe(0);
    const history = (await popup.evaluate(() => chrome.storage.local.get('history'))) as { history: unknown[] };
    expect(history.history).toHaveLength(500); // capped, oldest dropped
  }, 900_000);
});
