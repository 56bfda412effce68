/**
 * Every popup state a user meets, as the built extension shows it at 380x600, in light
 * and dark, in English and in German (the longer words): each is screenshotted to
 * .out/screens/<language>/ (git-ignored) for a person to look at, and checked to fit
 * without scrolling, with Detect, the reading, what plays and its controls inside the
 * viewport, and with no serious or critical axe violation. Once per language the reading is
 * also laid out right to left, as a right-to-left language would have it.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipOf, FER_DEV, hasShared, launchExtension, photoFile, photoInPopup, SHARED_MISSING, showView, type ExtensionSession } from './harness';
import { LANGUAGES, say, sayPattern } from './messages';
import { axeProblems, checkState, measureFit } from './popup-checks';
import { serveFixtures, type FixtureServer } from './site-fixtures';

const HAPPY = join(FER_DEV, 'happy/PublicTest_11060787.jpg');
const CONTROLS = ['music-status', 'play-pause', 'next', 'thumbs-up', 'thumbs-down', 'override'];
const RESULT = ['detect', 'status', 'result-card', 'heatmap', 'emotion', 'confidence', ...CONTROLS];

const scratch = mkdtempSync(join(tmpdir(), 'mooddj-screens-'));
/** A flat 640x480 PNG of one grey level: no face at 150, too dark at 8. */
function flatPhoto(name: string, luma: number): string {
  const png = new PNG({ width: 640, height: 480 });
  png.data.fill(luma);
  for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
  const path = join(scratch, `${name}.png`);
  writeFileSync(path, PNG.sync.write(png));
  return path;
}

const stageOf = (page: Page) => page.$eval('[data-testid="status"]', (e) => e.getAttribute('data-stage'));
/** The music card says a song is playing and names it. */
const playingSong = () =>
  document.querySelector('[data-testid="music-card"]')?.getAttribute('data-phase') === 'playing' &&
  Boolean(document.querySelector('[data-testid="now-playing"]')?.textContent);

if (!hasShared) console.warn(`SKIPPED screenshot e2e tests: ${SHARED_MISSING}`);

describe.skipIf(!hasShared).each(LANGUAGES)('every popup state fits 380x600 and passes axe, light and dark, in %s', (lang) => {
  let session: ExtensionSession;
  let fixtures: FixtureServer;
  let popup: Page;
  const shot = (name: string) => `${lang}/${name}`;

  beforeAll(async () => {
    session = await launchExtension({ camera: clipOf([HAPPY], `screens-happy-${lang}`), lang });
    fixtures = await serveFixtures(session.browser);
    const ytm = await session.browser.newPage();
    await ytm.goto('https://music.youtube.com/', { waitUntil: 'load' });
    popup = await session.openPopup();
  });
  afterAll(async () => {
    await fixtures?.stop();
    await session?.close();
  });

  it('first run, checking, and a result with music playing', async () => {
    await popup.waitForSelector('[data-testid="onboarding"]');
    expect(await popup.$eval('[data-testid="detect"]', (e) => e.textContent)).toBe(say(lang, 'detect_mood'));
    await checkState(popup, shot('01-first-run'), ['detect', 'status', 'onboarding', 'onboarding-done', ...CONTROLS]);

    await popup.click('[data-testid="detect"]');
    // Detect is disabled while the check runs. The popup warmed the models while the first-run
    // shots were taken, so on a quick machine the check may end during these shots: no timing
    // is asserted, only that the shots began while it was running.
    await popup.waitForSelector('[data-testid="detect"][disabled]', { timeout: 10_000 });
    expect(await stageOf(popup)).not.toBe('idle');
    await checkState(popup, shot('02-checking'), ['detect', 'status', ...CONTROLS]);

    await popup.waitForSelector('[data-testid="detect"]:not([disabled])', { timeout: 120_000 });
    expect(await stageOf(popup)).toBe('done');
    expect(await popup.$eval('[data-testid="emotion"]', (e) => e.getAttribute('data-value'))).toBe('happy');
    await popup.waitForFunction(playingSong, { timeout: 60_000 });
    await popup.waitForSelector('[data-testid="heatmap-reading"]');
    expect(await popup.$eval('[data-testid="emotion"]', (e) => e.textContent)).toBe(say(lang, 'emotion_happy'));
    await checkState(popup, shot('03-result-playing'), [...RESULT, 'heatmap-reading', 'now-playing']);

    // Reopened: the reading comes from storage, which holds no face pixels.
    const again = await session.openPopup();
    await again.waitForSelector('[data-testid="result-card"]');
    await again.waitForFunction(playingSong);
    expect(await again.$('[data-testid="heatmap"]')).toBeNull();
    await checkState(
      again,
      shot('03b-reopened'),
      RESULT.filter((id) => id !== 'heatmap'),
    );
    await again.close();

    await popup.click('[data-testid="bars-toggle"]');
    await checkState(popup, shot('04-result-all-moods'), RESULT);
    await popup.click('[data-testid="bars-toggle"]');
    await popup.click('[data-testid="heatmap-toggle"]');
    expect(await popup.$eval('[data-testid="heatmap-overlay"]', (e) => (e as HTMLElement).hidden)).toBe(true);
    await checkState(popup, shot('05-result-heatmap-off'), RESULT);
    await popup.click('[data-testid="heatmap-toggle"]');
  });

  it('the reading laid out right to left: mirrored, and it still fits', async () => {
    // No right-to-left language ships yet; its file would say dir "rtl", which the page takes.
    await popup.evaluate(() => (document.documentElement.dir = 'rtl'));
    try {
      const edges = await popup.evaluate(() => {
        const box = (id: string) => {
          const { left, right } = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
          return { left, right };
        };
        return {
          width: window.innerWidth,
          detect: box('detect'),
          photo: box('photo'),
          now: box('tab-now'),
          settings: box('tab-settings'),
          heatmap: box('heatmap'),
          emotion: box('emotion'),
        };
      });
      // What comes first in reading order sits on the right: Detect, the first tab, the face.
      expect(edges.detect.left).toBeGreaterThan(edges.photo.left);
      expect(edges.now.left).toBeGreaterThan(edges.settings.left);
      expect(edges.heatmap.left).toBeGreaterThan(edges.emotion.left);
      expect(edges.detect.right).toBeGreaterThan(edges.width - 40);
      await checkState(popup, shot('05b-result-right-to-left'), RESULT);
    } finally {
      await popup.evaluate(() => (document.documentElement.dir = 'ltr'));
    }
  });

  it('a result the model is not sure about', async () => {
    // The first of these dev faces that reads below the not-sure bar (about one face in eight does).
    const candidates = readdirSync(join(FER_DEV, 'fear')).sort().slice(0, 25);
    let found = false;
    for (const name of candidates) {
      await photoInPopup(popup, photoFile(join(FER_DEV, 'fear', name), `unsure-${name}`));
      if ((await popup.$('[data-testid="not-sure"]')) !== null) {
        found = true;
        break;
      }
    }
    expect(found, 'none of the candidate faces read as not sure').toBe(true);
    await checkState(popup, shot('06-unsure'), [...RESULT, 'not-sure']);
  });

  it('each check error', async () => {
    const cases: ['no_face' | 'too_dark', string][] = [
      ['no_face', flatPhoto('grey', 150)],
      ['too_dark', flatPhoto('black', 8)],
    ];
    for (const [code, file] of cases) {
      const outcome = await photoInPopup(popup, file);
      expect(outcome.errorCode).toBe(code.replace('_', '-'));
      expect(await popup.$eval('[data-testid="error"]', (e) => e.textContent)).toBe(say(lang, `error_${code}`));
      await checkState(popup, shot(`07-error-${code}`), ['detect', 'status', 'error', ...CONTROLS]);
      // Nothing to rate after a failed check.
      expect(await popup.$eval('[data-testid="thumbs-up"]', (e) => e.hasAttribute('disabled'))).toBe(true);
    }
  });

  it('a music-site error below a good result', async () => {
    fixtures.scenario.spotify = 'logged-out';
    await showView(popup, 'settings');
    await popup.select('[data-testid="site-choice"]', 'spotify');
    await showView(popup, 'now');
    const outcome = await photoInPopup(popup, photoFile(HAPPY, 'happy-photo'));
    expect(outcome.emotion).toBe('happy');
    await popup.waitForSelector('[data-testid="error"][data-code="site-logged-out"]', { timeout: 60_000 });
    expect(await popup.$eval('[data-testid="error"]', (e) => e.textContent)).toBe(say(lang, 'site_error_site_logged_out', 'Spotify'));
    await checkState(popup, shot('08-error-music-site'), [...RESULT, 'error']);
    await showView(popup, 'settings');
    await popup.select('[data-testid="site-choice"]', 'youtube-music');
    await showView(popup, 'now');
  });

  it('periodic checks on, the settings view and the moods view', async () => {
    await showView(popup, 'settings');
    await popup.click('[data-testid="periodic-toggle"]');
    await popup.waitForSelector('[data-testid="next-check"]', { timeout: 10_000 });
    await checkState(popup, shot('09-settings'), ['mode', 'site-choice', 'periodic-toggle', 'periodic-interval', 'next-check', 'open-options']);
    await showView(popup, 'now');
    const periodic = sayPattern(lang, 'status_periodic_next', '10', null);
    await popup.waitForFunction((re) => new RegExp(re).test(document.querySelector('[data-testid="status"]')?.textContent ?? ''), {}, periodic.source);
    await checkState(popup, shot('10-periodic-on'), RESULT);
    await showView(popup, 'settings');
    await popup.click('[data-testid="periodic-toggle"]');
    await showView(popup, 'moods');
    await popup.waitForSelector('[data-testid="chart-point"]');
    await popup.click('[data-testid="chart-point"]');
    await popup.waitForSelector('[data-testid="chart-detail"]');
    await checkState(popup, shot('11-moods'), ['mood-chart', 'chart-detail', 'latest-checks']);
    await showView(popup, 'now');
    expect(await stageOf(popup)).not.toBeNull();
  });

  it('a machine without a camera', async () => {
    const bare = await launchExtension({ noCamera: true, lang });
    try {
      const page = await bare.openPopup();
      await (await page.waitForSelector('[data-testid="onboarding-done"]'))!.click();
      await page.click('[data-testid="detect"]');
      await page.waitForSelector('[data-testid="error"]', { timeout: 60_000 });
      expect(await page.$eval('[data-testid="error"]', (e) => e.getAttribute('data-code'))).toBe('no-camera');
      await checkState(page, shot('07-error-no-camera'), ['detect', 'status', 'error', ...CONTROLS]);
    } finally {
      await bare.close();
    }
  });

  it('the fit and axe checks fail on a page that overflows or has an unlabelled control', async () => {
    await popup.evaluate(() => {
      const tall = document.createElement('div');
      tall.style.height = '700px';
      document.querySelector('.popup')!.append(tall, document.createElement('input'));
    });
    expect((await measureFit(popup, ['detect'])).scrollHeight).toBeGreaterThan(600);
    expect((await axeProblems(popup)).some((p) => p.startsWith('label '))).toBe(true);
    await popup.reload();
    await popup.waitForSelector('[data-testid="detect"]');
    expect((await measureFit(popup, ['detect'])).scrollHeight).toBeLessThanOrEqual(600);
  });

  it('the options page: primary Save, confirmed clearing, plurals', async () => {
    const page = await session.browser.newPage();
    await page.setViewport({ width: 800, height: 1000 });
    await page.goto(session.url('src/popup/options.html'));
    await page.waitForSelector('[data-testid="mapping-editor"]');
    // The count's form follows the language's plural rules: "1 check", never "1 checks".
    const stored = await page.$eval('[data-testid="history-count"]', (e) => e.textContent ?? '');
    const checks = Number(/^\d+/.exec(stored)?.[0]);
    expect(stored).toBe(say(lang, 'history_count', say(lang, checks === 1 ? 'count_check_one' : 'count_check_other', String(checks)), '500'));
    await page.$eval('[data-testid="mapping-sad"]', (el) => ((el as HTMLInputElement).value = ''));
    await page.type('[data-testid="mapping-sad"]', 'x'.repeat(45));
    await page.click('[data-testid="mapping-save"]');
    await page.waitForSelector('[data-testid="mapping-error-sad"]');
    expect(await page.$eval('[data-testid="mapping-note"]', (e) => e.textContent)).toBe(say(lang, 'mapping_not_saved'));
    await checkState(page, shot('12-options'), [], { popup: false });
    // Clearing asks first; cancelling keeps the history.
    const before = await page.$eval('[data-testid="history-count"]', (e) => e.textContent);
    await page.click('[data-testid="history-clear"]');
    await page.waitForSelector('[data-testid="history-clear-confirm"]');
    await checkState(page, shot('13-options-confirm-clear'), [], { popup: false });
    await page.click('[data-testid="history-clear-cancel"]');
    expect(await page.$eval('[data-testid="history-count"]', (e) => e.textContent)).toBe(before);
    await page.click('[data-testid="history-clear"]');
    await page.click('[data-testid="history-clear-confirm"]');
    const none = say(lang, 'count_check_other', '0');
    await page.waitForFunction((text) => document.querySelector('[data-testid="history-count"]')?.textContent?.startsWith(text), {}, none);
    await page.close();
  });
});
