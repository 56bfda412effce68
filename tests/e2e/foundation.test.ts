import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TargetType } from 'puppeteer-core';
import { join } from 'node:path';
import { DIST, detectInPopup, launchExtension, offscreenTrackStates, solidClip, type ExtensionSession } from './harness';

describe('the built extension in Chromium', () => {
  let session: ExtensionSession;

  beforeAll(async () => {
    session = await launchExtension({ camera: solidClip('foundation-empty', 150) });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('loads with the documented manifest', async () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.action.default_popup).toBe('src/popup/index.html');
    expect(session.extensionId).toMatch(/^[a-p]{32}$/);
  });

  it('the popup shows every test hook', async () => {
    const page = await session.openPopup();
    await page.waitForSelector('[data-testid="mode"]');
    for (const id of [
      'detect',
      'status',
      'music-query',
      'music-site',
      'now-playing',
      'play-pause',
      'next',
      'thumbs-up',
      'thumbs-down',
      'override',
      'periodic-toggle',
      'periodic-interval',
      'mode',
    ]) {
      expect(await page.$(`[data-testid="${id}"]`), id).not.toBeNull();
    }
    await page.close();
  });

  it('settings chosen in the popup survive reopening it', async () => {
    const page = await session.openPopup();
    await page.waitForSelector('[data-testid="mode"]');
    await page.select('[data-testid="mode"]', 'lift');
    await page.close();
    const again = await session.openPopup();
    await again.waitForSelector('[data-testid="mode"]');
    await again.waitForFunction(() => (document.querySelector('[data-testid="mode"]') as HTMLSelectElement).value === 'lift');
    await again.select('[data-testid="mode"]', 'match');
    await again.close();
  });

  it('rejects a malformed message from an extension page with a typed error', async () => {
    const page = await session.openPopup();
    const reply = await page.evaluate(() => chrome.runtime.sendMessage({ target: 'background', name: 'detect', payload: { source: { kind: 'webcam' } } }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    const unknown = await page.evaluate(() => chrome.runtime.sendMessage({ target: 'background', name: 'launchMissiles', payload: {} }));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    await page.close();
  });

  it('a check reaches a final state, and still works after the service worker is stopped', async () => {
    const page = await session.openPopup();
    const first = await detectInPopup(page);
    // The fake camera shows an empty grey frame: the check ends, and says so.
    expect(first.errorCode).toBe('no-face');
    await session.stopWorker();
    const alive = () => session.browser.targets().some((t) => t.type() === TargetType.SERVICE_WORKER && t.url().includes(session.extensionId));
    expect(alive()).toBe(false);
    const second = await detectInPopup(page);
    expect(second.errorCode).toBe('no-face');
    expect(alive()).toBe(true);
    const tracks = await offscreenTrackStates(session);
    expect(tracks.length).toBeGreaterThan(0);
    expect(tracks.every((s) => s === 'ended')).toBe(true);
    await page.close();
  });
});
