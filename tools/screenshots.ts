/**
 * npm run screenshots [-- --no-build]: the popup as the built extension draws it, for the
 * store listing and the README, in every language MoodDJ speaks, light and dark.
 * Each language gets its own Chromium (--lang), the sample face as the camera
 * (tools/camera/sample-face.ts) and the offline stand-in for YouTube Music
 * (tests/fixtures, served at its real address); one check runs through the popup, and the
 * popup is then opened again, as a user coming back to it sees it. That popup reads the
 * stored result, which never holds pixels, so no face is in the pictures.
 * Writes docs/store/popup-<lang>-<scheme>.png (the popup: 380 px wide, as tall as its content) and
 * docs/store/store-<lang>-<scheme>.png (1280x800, the Web Store's screenshot size).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'puppeteer-core';
import { renderMessage, type MessageFile } from '../src/shared/i18n/messages';
import { MESSAGES } from '../tests/e2e/messages';
import { serveFixtures } from '../tests/e2e/site-fixtures';
import { launchExtension, ROOT } from './browser.ts';
import { sampleFaceClip } from './camera/sample-face.ts';
import { detectInPopup } from './popup-driver.ts';

const { values } = parseArgs({ options: { 'no-build': { type: 'boolean' } } });
const OUT = join(ROOT, 'docs/store');
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** The popup after one check, with its music playing: the state a returning user sees. */
async function popupAfterCheck(lang: string, camera: string): Promise<{ popup: Page; close: () => Promise<void> }> {
  const session = await launchExtension({ camera, lang, headless: true });
  const fixtures = await serveFixtures(session.browser);
  const music = await session.browser.newPage();
  await music.goto('https://music.youtube.com/', { waitUntil: 'load' });
  const first = await session.openPopup();
  await (await first.waitForSelector('[data-testid="onboarding-done"]'))!.click();
  const outcome = await detectInPopup(first);
  if (!outcome.emotion) throw new Error(`the check failed: ${outcome.error ?? 'no reading'}`);
  await first.close();
  const popup = await session.openPopup();
  await popup.waitForFunction(
    () =>
      document.querySelector('[data-testid="music-card"]')?.getAttribute('data-phase') === 'playing' &&
      Boolean(document.querySelector('[data-testid="now-playing"]')?.textContent) &&
      document.querySelector('[data-testid="result-card"]') !== null,
    { timeout: 60_000 },
  );
  return {
    popup,
    close: async () => {
      await fixtures.stop();
      await session.close();
    },
  };
}

/** The popup in a 1280x800 frame, beside the extension's name and summary in the same language. */
async function storeImage(browser: Browser, popupPng: Buffer, messages: MessageFile, scheme: Scheme): Promise<Buffer> {
  const say = (key: string) => renderMessage(messages[key]).replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  const dark = scheme === 'dark';
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 1280, height: 800 });
    await page.setContent(`<!doctype html>
<html lang="${say('lang')}" dir="${say('dir')}"><body style="margin:0;width:1280px;height:800px;display:flex;align-items:center;justify-content:center;gap:72px;
  font-family:system-ui,sans-serif;background:${dark ? '#15141f' : '#eeecfb'};color:${dark ? '#f2f1fa' : '#1d1b2e'}">
  <div style="max-width:520px">
    <h1 style="font-size:64px;margin:0 0 24px;color:${dark ? '#a99cff' : '#4b3bd1'}">${say('ext_name')}</h1>
    <p style="font-size:30px;line-height:1.35;margin:0 0 28px">${say('ext_description')}</p>
    <p style="font-size:22px;line-height:1.4;margin:0;opacity:.8">${say('frames_never_leave')}</p>
  </div>
  <img src="data:image/png;base64,${popupPng.toString('base64')}" width="380"
    style="border-radius:14px;box-shadow:0 18px 48px ${dark ? '#000a' : '#2a1f8a44'}">
</body></html>`);
    return Buffer.from(await page.screenshot({ type: 'png' }));
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  if (!values['no-build']) {
    log('Building the extension…');
    const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (built.status !== 0) throw new Error('the build failed');
  }
  mkdirSync(OUT, { recursive: true });
  const scratch = join(ROOT, '.out');
  mkdirSync(scratch, { recursive: true });
  const camera = sampleFaceClip(join(scratch, 'screenshots-face.y4m'));
  for (const [lang, messages] of Object.entries(MESSAGES)) {
    const { popup, close } = await popupAfterCheck(lang, camera);
    try {
      for (const scheme of SCHEMES) {
        await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        // Chrome fits a popup to its content (up to 600 px): so does the picture.
        const height = await popup.$eval('main', (m) => Math.ceil(m.getBoundingClientRect().bottom));
        const shot = Buffer.from(await popup.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 380, height } }));
        const files = {
          [`popup-${lang}-${scheme}.png`]: shot,
          [`store-${lang}-${scheme}.png`]: await storeImage(popup.browser(), shot, messages, scheme),
        };
        for (const [name, png] of Object.entries(files)) {
          writeFileSync(join(OUT, name), png);
          log(`docs/store/${name} (${(png.length / 1024).toFixed(0)} kB)`);
        }
      }
    } finally {
      await close();
    }
  }
}

main().catch((err: unknown) => {
  log(`Screenshots failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
