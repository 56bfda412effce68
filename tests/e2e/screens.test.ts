/**
 * Screenshots of each state a user sees, saved to .out/screens/ (git-ignored) for a
 * person to look at; the test checks each state is really on screen when it is taken.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipOf, detectInPopup, FER_DEV, hasShared, launchExtension, ROOT, SHARED_MISSING, solidClip, type ExtensionSession } from './harness';

const OUT = join(ROOT, '.out/screens');
const HAPPY = join(FER_DEV, 'happy/PublicTest_11060787.jpg');

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

if (!hasShared) console.warn(`SKIPPED screenshot e2e tests: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('what the user sees', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension({ camera: clipOf([HAPPY], 'screens-happy') });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('first run, progress, and a result with its heatmap', async () => {
    const popup = await session.openPopup();
    await popup.waitForSelector('[data-testid="onboarding"]');
    await shot(popup, '1-first-run');
    await popup.click('[data-testid="detect"]');
    await popup.waitForFunction(() => document.querySelector('[data-testid="status"]')?.getAttribute('data-stage') !== 'idle');
    await shot(popup, '2-progress');
    const outcome = await detectInPopup(popup);
    expect(outcome.emotion).toBe('happy');
    expect(outcome.heatmap).toBe(true);
    expect(await popup.$('[data-testid="onboarding"]')).toBeNull();
    await popup.waitForSelector('[data-testid="heatmap"] img');
    await shot(popup, '3-result');
  });

  it('the options page', async () => {
    const page = await session.browser.newPage();
    await page.setViewport({ width: 800, height: 1200 });
    await page.goto(session.url('src/popup/options.html'));
    await page.waitForSelector('[data-testid="mapping-editor"]');
    await page.$eval('[data-testid="mapping-sad"]', (el) => ((el as HTMLInputElement).value = ''));
    await page.type('[data-testid="mapping-sad"]', 'x'.repeat(45));
    await page.click('[data-testid="mapping-save"]');
    await page.waitForSelector('[data-testid="mapping-error-sad"]');
    expect(await page.$eval('[data-testid="mapping-note"]', (e) => e.textContent)).toMatch(/Not saved/);
    await shot(page, '5-options');
  });
});

describe('an error as the user sees it', () => {
  it('no face', async () => {
    const session = await launchExtension({ camera: solidClip('screens-empty', 150) });
    try {
      const popup = await session.openPopup();
      const outcome = await detectInPopup(popup);
      expect(outcome.errorCode).toBe('no-face');
      await shot(popup, '4-error');
    } finally {
      await session.close();
    }
  });
});
