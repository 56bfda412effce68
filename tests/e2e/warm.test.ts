/**
 * Warming: installing the extension, and opening the popup, prepare the offscreen document and
 * the models, and never the camera; the click then reads the face without loading anything.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  clipOf,
  detectInPopup,
  FER_DEV,
  hasShared,
  launchExtension,
  offscreenEval,
  offscreenTrackStates,
  SHARED_MISSING,
  type ExtensionSession,
} from './harness';

if (!hasShared) console.warn(`SKIPPED warm e2e test: ${SHARED_MISSING}`);

/** Until the offscreen document (a new one may not answer yet) has loaded the models. */
async function modelsWarmed(session: ExtensionSession): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!(await offscreenEval<boolean>(session, 'globalThis.mooddjDebug?.modelsLoaded() ?? false').catch(() => false))) {
    if (Date.now() > deadline) throw new Error('models were not warmed within 90 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!hasShared)('warming before the click', () => {
  let session: ExtensionSession | undefined;
  afterAll(async () => {
    await session?.close();
  });

  it("installing unpacks MediaPipe's runtime and loads the models in the background, without opening the camera", async () => {
    session = await launchExtension({ camera: clipOf([join(FER_DEV, 'happy/PublicTest_11060787.jpg')], 'warm-happy') });
    // No popup: the worker's install handler creates the offscreen document itself.
    await modelsWarmed(session);
    expect(await offscreenEval<number | null>(session, 'globalThis.mooddjDebug.firstLoad()?.unpack ?? null')).not.toBeNull();
    // MediaPipe's runtime ships brotli-packed; a failed unpack would fall back to TF.js silently.
    expect(await offscreenEval<string>(session, 'globalThis.mooddjDebug.detectorPath()')).toBe('mediapipe');
    // Unpacked in memory only: nothing written to the extension's IndexedDB (9.6 MB it once kept).
    expect(await offscreenEval<string[]>(session, 'indexedDB.databases().then((dbs) => dbs.map((d) => d.name))')).toEqual([]);
    expect(await offscreenTrackStates(session)).toEqual([]);
  });

  it('opening the popup loads the models in a new document, unpacking the runtime again, and the click reads the face', async () => {
    if (!session) throw new Error('the first test did not start the extension');
    // As an update from a build that kept the unpacked runtime in IndexedDB finds it.
    await offscreenEval(
      session,
      "new Promise((done) => { const r = indexedDB.open('mooddj-runtime', 1); r.onupgradeneeded = () => r.result.createObjectStore('unpacked'); r.onsuccess = () => { r.result.close(); done(true); }; })",
    );
    await session.closeOffscreen();
    const page = await session.openPopup();
    await page.waitForSelector('[data-testid="detect"]');
    // The popup's warm message creates a new offscreen document; models load there.
    await modelsWarmed(session);
    expect(await offscreenTrackStates(session)).toEqual([]);
    expect(await offscreenEval<string>(session, 'globalThis.mooddjDebug.detectorPath()')).toBe('mediapipe');
    expect(await offscreenEval<number | null>(session, 'globalThis.mooddjDebug.firstLoad()?.unpack ?? null')).not.toBeNull();
    // The earlier build's copy is freed.
    expect(await offscreenEval<string[]>(session, 'indexedDB.databases().then((dbs) => dbs.map((d) => d.name))')).toEqual([]);

    const outcome = await detectInPopup(page);
    expect(outcome.error).toBeNull();
    expect(outcome.emotion).toBe('happy');
    const perception = await page.evaluate(() => document.querySelector('[data-testid="result-details"]')?.textContent ?? '');
    expect(perception).toMatch(/frames? showed a face/);
    const tracks = await offscreenTrackStates(session);
    expect(tracks.length).toBeGreaterThan(0);
    expect(tracks.every((s) => s === 'ended')).toBe(true);
  });
});
