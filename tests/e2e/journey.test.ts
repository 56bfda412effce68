/**
 * A user's whole path: the popup's Detect with a real face on the fake camera, music
 * starting on the (offline fixture) YouTube Music tab, the controls, feedback, a
 * logged-out Spotify, and periodic checks that change the music only after the new
 * mood held.
 */
import { photoDataUrl } from '../../tools/camera/image';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipOf, detectInPopup, FER_DEV, hasShared, launchExtension, SHARED_MISSING, showView, type ExtensionSession } from './harness';
import { serveFixtures, type FixtureServer } from './site-fixtures';

const HAPPY = join(FER_DEV, 'happy/PublicTest_11060787.jpg');
const SAD = join(FER_DEV, 'sad/PublicTest_20668878.jpg');
const CATALOG = join(FER_DEV, '../../catalog/data_moods.csv');

if (!hasShared) console.warn(`SKIPPED journey e2e tests: ${SHARED_MISSING}`);

const text = (page: Page, id: string) => page.$eval(`[data-testid="${id}"]`, (el) => el.textContent?.trim() ?? '');

describe.skipIf(!hasShared)('a user with YouTube Music open', () => {
  let session: ExtensionSession;
  let fixtures: FixtureServer;
  let popup: Page;
  let ytm: Page;

  beforeAll(async () => {
    session = await launchExtension({ camera: clipOf([HAPPY], 'journey-happy') });
    fixtures = await serveFixtures(session.browser);
    ytm = await session.browser.newPage();
    await ytm.goto('https://music.youtube.com/', { waitUntil: 'load' });
    popup = await session.openPopup();
  });
  afterAll(async () => {
    await fixtures?.stop();
    await session?.close();
  });

  it('Detect reads the face, shows every probability, and starts matching music', async () => {
    const outcome = await detectInPopup(popup);
    expect(outcome.error).toBeNull();
    expect(outcome.emotion).toBe('happy');
    expect(outcome.heatmap).toBe(true);
    expect(outcome.query).toBe('pop dance music');
    expect(outcome.site).toBe('youtube-music');
    await popup.waitForFunction(() => document.querySelector('[data-testid="music-status"]')?.textContent?.startsWith('Playing'), { timeout: 60_000 });
    // Searched with the app's own client and started by the playlist's endpoint: no page load.
    expect(await ytm.evaluate(() => (window as unknown as { __fixture: { fetches: string[] } }).__fixture.fetches)).toContain('/search');
    expect(await ytm.evaluate(() => (window as unknown as { __fixture: { ratingTouches: string[] } }).__fixture.ratingTouches)).toEqual([]);
    await popup.waitForFunction(() => document.querySelector('[data-testid="now-playing"]')?.textContent?.includes('—'));
    expect(await text(popup, 'now-playing')).toBe('Happy — Pharrell Williams');
  });

  it('the popup controls drive the tab', async () => {
    await popup.click('[data-testid="play-pause"]');
    await popup.waitForFunction(() => document.querySelector('[data-testid="play-pause"]')?.getAttribute('aria-label') === 'Play');
    expect(await ytm.evaluate(() => (window as unknown as { __fixture: { state: number } }).__fixture.state)).toBe(2);
    await popup.click('[data-testid="next"]');
    await popup.waitForFunction(() => !document.querySelector('[data-testid="now-playing"]')?.textContent?.startsWith('Happy'));
    expect(await popup.$('[data-testid="error"]')).toBeNull();
  });

  it('a thumbs-down re-weighs the terms behind the music', async () => {
    await popup.click('[data-testid="thumbs-down"]');
    await popup.waitForFunction(async () => {
      const { termWeights } = await chrome.storage.local.get('termWeights');
      return (termWeights as { happy?: Record<string, number> })?.happy?.pop === 0.6;
    });
    const { history } = (await popup.evaluate(() => chrome.storage.local.get('history'))) as { history: { feedback: unknown }[] };
    expect(history.at(-1)?.feedback).toBe('down');
  });

  it('periodic mode changes the music only after the second confident sad check, by queueing', async () => {
    await showView(popup, 'settings');
    await popup.click('[data-testid="periodic-toggle"]');
    const alarm = await popup.waitForFunction(async () => (await chrome.alarms.get('periodic-check')) ?? false, { timeout: 10_000 });
    expect(((await alarm.jsonValue()) as { periodInMinutes: number }).periodInMinutes).toBe(10);
    await popup.waitForSelector('[data-testid="next-check"]');

    const queueBefore = await ytm.evaluate(() => (window as unknown as { __fixture: { queue: unknown[] } }).__fixture.queue.length);
    const sad = photoDataUrl(SAD, 0.55);
    // What the alarm runs, minus the wait: a camera-less "photo" check with the alarm trigger.
    const periodic = () =>
      popup.evaluate(
        (dataUrl) => chrome.runtime.sendMessage({ target: 'background', name: 'detect', payload: { source: { kind: 'photo', dataUrl }, trigger: 'alarm' } }),
        sad,
      ) as Promise<{
        ok: boolean;
        value: { emotion: string; notSure: boolean };
      }>;
    const lastMusic = () => popup.evaluate(async () => ((await chrome.storage.local.get('lastCheck')).lastCheck as { music: { status: string } }).music.status);

    const first = await periodic();
    expect(first.value).toMatchObject({ emotion: 'sad', notSure: false });
    expect(await lastMusic()).toBe('unchanged');
    const second = await periodic();
    expect(second.value.emotion).toBe('sad');
    await popup.waitForFunction(
      async () => ((await chrome.storage.local.get('lastCheck')).lastCheck as { music: { status: string } }).music.status !== 'pending',
      { timeout: 60_000 },
    );
    expect(await lastMusic()).toBe('queued');
    const queueAfter = await ytm.evaluate(() => (window as unknown as { __fixture: { queue: unknown[] } }).__fixture.queue.length);
    expect(queueAfter).toBe(queueBefore + 1);
    // Queued behind the current track, which kept playing.
    expect(await ytm.evaluate(() => (window as unknown as { __fixture: { state: number } }).__fixture.state)).not.toBe(-1);
    await popup.click('[data-testid="periodic-toggle"]');
    await showView(popup, 'now');
    await popup.waitForFunction(async () => !(await chrome.alarms.get('periodic-check')), { timeout: 10_000 });
  });

  it('a catalog imported in the options page adds its best Happy tracks to a happy check', async () => {
    const options = await session.browser.newPage();
    await options.goto(session.url('src/popup/options.html'));
    const input = (await options.waitForSelector('[data-testid="catalog-file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(CATALOG);
    const report = await options.waitForSelector('[data-testid="catalog-report"]');
    const rows = readFileSync(CATALOG, 'utf8').trim().split('\n').length - 1;
    expect(await report!.evaluate((e) => e.textContent)).toContain(`Imported ${rows} tracks (with audio features)`);
    await options.close();

    const outcome = await detectInPopup(popup);
    expect(outcome.emotion).toBe('happy');
    const { history } = (await popup.evaluate(() => chrome.storage.local.get('history'))) as { history: { tracks: { title: string }[] }[] };
    const picked = history.at(-1)!.tracks.map((t) => t.title);
    expect(picked).toHaveLength(5);
    const happyTitles = readFileSync(CATALOG, 'utf8')
      .split('\n')
      .filter((l) => l.trim().endsWith(',Happy'))
      .join('\n');
    for (const title of picked) expect(happyTitles).toContain(title);
    await popup.evaluate(() => chrome.storage.local.set({ catalog: null }));
  });

  it('with Spotify chosen but logged out, the popup says to log in', async () => {
    fixtures.scenario.spotify = 'logged-out';
    await popup.select('[data-testid="site-choice"]', 'spotify');
    const outcome = await detectInPopup(popup);
    expect(outcome.emotion).toBe('happy');
    await popup.waitForSelector('[data-testid="error"][data-code="site-logged-out"]', { timeout: 60_000 });
    expect(await text(popup, 'error')).toMatch(/Log in to Spotify/);
    await popup.select('[data-testid="site-choice"]', 'youtube-music');
  });
});
