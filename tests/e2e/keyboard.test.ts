/**
 * Keyboard only (Tab, Enter, Space): from Detect to a playing track and a thumbs-up, in
 * the built extension with the offline YouTube Music fixture, and a sensible focus order.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipOf, FER_DEV, hasShared, launchExtension, SHARED_MISSING, type ExtensionSession } from './harness';
import { serveFixtures, type FixtureServer } from './site-fixtures';

const HAPPY = join(FER_DEV, 'happy/PublicTest_11060787.jpg');

/** What has focus, named by its hook (or role and label when it has none). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    return el.dataset.testid ?? `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim()}`;
  });

/** Presses Tab until `target` has focus; returns the stops on the way. */
async function tabTo(page: Page, target: string, limit = 40): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    stops.push(now);
    if (now === target) return stops;
  }
  throw new Error(`never reached ${target} with Tab; stops: ${stops.join(' → ')}`);
}

if (!hasShared) console.warn(`SKIPPED keyboard e2e test: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('a keyboard-only user', () => {
  let session: ExtensionSession;
  let fixtures: FixtureServer;
  beforeAll(async () => {
    session = await launchExtension({ camera: clipOf([HAPPY], 'keyboard-happy') });
    fixtures = await serveFixtures(session.browser);
    const ytm = await session.browser.newPage();
    await ytm.goto('https://music.youtube.com/', { waitUntil: 'load' });
  });
  afterAll(async () => {
    await fixtures?.stop();
    await session?.close();
  });

  it('detects, hears a track start, and likes it with Tab, Enter and Space', async () => {
    const popup = await session.openPopup();
    await popup.waitForSelector('[data-testid="onboarding"]');
    // Views first, then the main action.
    expect(await tabTo(popup, 'detect')).toEqual(['tab-now', 'tab-moods', 'tab-settings', 'detect']);
    await popup.keyboard.press('Enter');
    await popup.waitForFunction(() => document.querySelector('[data-testid="detect"]')?.hasAttribute('disabled'), { timeout: 10_000 });
    await popup.waitForSelector('[data-testid="detect"]:not([disabled])', { timeout: 120_000 });
    expect(await popup.$eval('[data-testid="emotion"]', (e) => e.getAttribute('data-value'))).toBe('happy');
    // The reading is announced to screen readers.
    expect(await popup.$eval('[data-testid="announce"]', (e) => [e.getAttribute('aria-live'), e.textContent])).toEqual([
      'polite',
      expect.stringMatching(/^Your mood: Happy · \w+ sure, \d+%\.$/),
    ]);
    await popup.waitForFunction(() => document.querySelector('[data-testid="music-status"]')?.textContent?.startsWith('Playing “'), { timeout: 60_000 });

    const stops = await tabTo(popup, 'thumbs-up');
    // Reading order: the result's own controls, then the music controls, in the order they are drawn.
    const order = ['photo', 'heatmap-toggle', 'bars-toggle', 'play-pause', 'next', 'thumbs-up'].map((id) => stops.indexOf(id));
    expect(
      order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])),
      stops.join(' → '),
    ).toBe(true);
    await popup.keyboard.press('Space');
    await popup.waitForFunction(() => document.querySelector('[data-testid="thumbs-up"]')?.getAttribute('aria-pressed') === 'true', { timeout: 10_000 });
    const { history } = (await popup.evaluate(() => chrome.storage.local.get('history'))) as { history: { feedback: unknown }[] };
    expect(history.at(-1)?.feedback).toBe('up');

    // The other views are one key press away, and Space works on the settings.
    await popup.keyboard.down('Shift');
    await tabTo(popup, 'tab-settings');
    await popup.keyboard.up('Shift');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('[data-testid="panel-settings"]:not([hidden])');
    await tabTo(popup, 'periodic-toggle');
    await popup.keyboard.press('Space');
    await popup.waitForSelector('[data-testid="next-check"]', { timeout: 10_000 });
    await popup.keyboard.press('Space');
    await popup.waitForFunction(() => !(document.querySelector('[data-testid="periodic-toggle"]') as HTMLInputElement).checked);
  });
});
