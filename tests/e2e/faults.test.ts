/**
 * Faults a real user meets: a worker stopped mid-check, the camera helper closed
 * mid-capture, no camera, a denied camera, garbage in storage. Each ends in a clear
 * message, with the camera off, and the next check works.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipOf, detectInPopup, FER_DEV, hasShared, launchExtension, offscreenTrackStates, SHARED_MISSING, solidClip, type ExtensionSession } from './harness';

const HAPPY = join(FER_DEV, 'happy/PublicTest_11060787.jpg');

async function offscreenCount(session: ExtensionSession): Promise<number> {
  return session.browser.targets().filter((t) => t.url().endsWith('/src/offscreen/index.html')).length;
}

/** Clicks Detect and returns once the camera is running (the check is mid-capture). */
async function startCheck(popup: Page): Promise<void> {
  await popup.click('[data-testid="detect"]');
  await popup.waitForFunction(() => document.querySelector('[data-testid="status"]')?.getAttribute('data-stage') === 'starting-camera');
}

if (!hasShared) console.warn(`SKIPPED fault e2e tests: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('interrupted checks', () => {
  let session: ExtensionSession;
  let popup: Page;
  beforeAll(async () => {
    session = await launchExtension({ camera: clipOf([HAPPY], 'faults-happy') });
    popup = await session.openPopup();
    // Warm up: models loaded, so the next checks spend their time in the camera.
    expect((await detectInPopup(popup)).emotion).toBe('happy');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('a worker stopped mid-check: a clear message, one offscreen document, camera off, next check works', async () => {
    await startCheck(popup);
    await session.stopWorker();
    await popup.waitForSelector('[data-testid="error"]', { timeout: 30_000 });
    expect(await popup.$eval('[data-testid="error"]', (e) => e.getAttribute('data-code'))).toBe('interrupted');
    const next = await detectInPopup(popup);
    expect(next.emotion).toBe('happy');
    expect(await offscreenCount(session)).toBe(1);
    expect((await offscreenTrackStates(session)).every((s) => s === 'ended')).toBe(true);
  });

  it('the camera helper closed mid-capture: error shown, the next check opens a new one', async () => {
    await startCheck(popup);
    const target = await session.browser.waitForTarget((t) => t.url().endsWith('/src/offscreen/index.html'));
    // Close it while the camera is really on: earlier, the check has not reached the document yet.
    const until = Date.now() + 10_000;
    while (!(await offscreenTrackStates(session)).includes('live')) {
      if (Date.now() > until) throw new Error('the camera never came on');
      await new Promise((r) => setTimeout(r, 20));
    }
    const cdp = await session.browser.target().createCDPSession();
    await cdp.send('Target.closeTarget', { targetId: (target as unknown as { _targetId: string })._targetId });
    await cdp.detach();
    await popup.waitForSelector('[data-testid="error"]', { timeout: 30_000 });
    const code = await popup.$eval('[data-testid="error"]', (e) => e.getAttribute('data-code'));
    expect(['interrupted', 'offscreen-failed', 'timeout'], `error code ${code}`).toContain(code);
    expect((await detectInPopup(popup)).emotion).toBe('happy');
    expect(await offscreenCount(session)).toBe(1);
  });

  it('garbage in every storage key: defaults come back per key and valid settings stay', async () => {
    await popup.evaluate(() =>
      chrome.storage.local.set({
        mode: 'lift',
        site: 12,
        periodicEnabled: 'yes',
        periodicMinutes: 1e9,
        framesPerCheck: -3,
        hysteresis: 'x'.repeat(10_000),
        history: [{ at: 'never' }],
        termWeights: { happy: { pop: 'lots' } },
        catalog: { tracks: 'none' },
        lastCheck: [1, 2, 3],
        mappings: { match: {} },
        queryTurns: 'lots',
      }),
    );
    await popup.reload();
    await popup.waitForSelector('[data-testid="mode"]');
    expect(await popup.$eval('[data-testid="mode"]', (e) => (e as HTMLSelectElement).value)).toBe('lift');
    expect(await popup.$eval('[data-testid="site-choice"]', (e) => (e as HTMLSelectElement).value)).toBe('youtube-music');
    const outcome = await detectInPopup(popup);
    expect(outcome.emotion).toBe('happy');
    expect(outcome.query).toBe('happy pop feel-good music'); // lift mode kept, mapping back to defaults
    const stored = (await popup.evaluate(() => chrome.storage.local.get(['history', 'periodicMinutes']))) as { history: unknown[]; periodicMinutes?: number };
    expect(stored.history).toHaveLength(1);
    expect(stored.periodicMinutes).toBeUndefined();
    await popup.select('[data-testid="mode"]', 'match');
  });
});

describe('camera problems', () => {
  it('no camera device: says so, no hang', async () => {
    const session = await launchExtension({ noCamera: true });
    try {
      const outcome = await detectInPopup(await session.openPopup());
      expect(outcome.errorCode).toBe('no-camera');
      expect(outcome.error).toMatch(/No camera found/);
    } finally {
      await session.close();
    }
  });

  it('camera never allowed: a tab asks for it once (the offscreen page cannot prompt)', async () => {
    const session = await launchExtension({ camera: solidClip('prompt', 150), fakeUi: false });
    try {
      const popup = await session.openPopup();
      const asked = session.browser.waitForTarget((t) => t.url().endsWith('/src/popup/permission.html'), { timeout: 30_000 });
      await popup.click('[data-testid="detect"]');
      const tab = await (await asked).page();
      expect(tab).not.toBeNull();
      // Headless Chromium dismisses the prompt, as a user pressing "Block" would.
      await tab!.waitForSelector('[data-testid="permission-state"].error', { timeout: 30_000 });
      await popup.waitForSelector('[data-testid="error"]', { timeout: 30_000 });
      expect(await popup.$eval('[data-testid="error"]', (e) => e.getAttribute('data-code'))).toBe('permission-denied');
    } finally {
      await session.close();
    }
  });

  it('camera permission denied: says how to allow it, camera never opened', async () => {
    const session = await launchExtension({ camera: solidClip('denied', 150), fakeUi: false });
    try {
      const cdp = await session.browser.target().createCDPSession();
      await cdp.send('Browser.setPermission', {
        permission: { name: 'camera' },
        setting: 'denied',
        origin: `chrome-extension://${session.extensionId}`,
      });
      await cdp.detach();
      const outcome = await detectInPopup(await session.openPopup());
      expect(outcome.errorCode).toBe('permission-denied');
      expect(outcome.error).toMatch(/Allow the camera/);
    } finally {
      await session.close();
    }
  });
});
