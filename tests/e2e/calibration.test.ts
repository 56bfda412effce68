import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../src/shared/emotions';
import { clipOf, FER_DEV, hasShared, launchExtension, photoFile, photoInPopup, SHARED_MISSING, type ExtensionSession } from './harness';

/** One face per calibration step; the fake camera shows the neutral one. */
const FACES = {
  neutral: join(FER_DEV, 'neutral/PublicTest_10014592.jpg'),
  happy: join(FER_DEV, 'happy/PublicTest_11060787.jpg'),
  sad: join(FER_DEV, 'sad/PublicTest_20668878.jpg'),
  angry: join(FER_DEV, 'angry/PublicTest_10116449.jpg'),
  surprise: join(FER_DEV, 'surprise/PublicTest_16568907.jpg'),
};

type Stored = Record<string, unknown> & {
  calibration?: { emotion: string; embedding: number[]; source: string }[];
  lastCheck?: { perception: { probabilities: Record<string, number>; personalised?: boolean } };
};

if (!hasShared) console.warn(`SKIPPED calibration e2e tests: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('personal calibration in the built extension', () => {
  let session: ExtensionSession;
  let popup: Page;
  let options: Page;
  let generic: Record<string, number>;
  const storage = () => popup.evaluate(() => chrome.storage.local.get(null)) as Promise<Stored>;
  const sadPhoto = () => photoFile(FACES.sad, 'calib-sad');

  beforeAll(async () => {
    session = await launchExtension({ camera: clipOf([FACES.neutral], 'calib-neutral') });
    popup = await session.openPopup();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('before calibrating, a check is the generic reading', async () => {
    const out = await photoInPopup(popup, sadPhoto());
    expect(out.error).toBeNull();
    expect(await popup.$('[data-testid="personalised"]')).toBeNull();
    const s = await storage();
    expect(s.lastCheck?.perception.personalised).toBe(false);
    generic = s.lastCheck!.perception.probabilities;
  });

  it('the guided flow reads each mood (camera first, then photos) and stores only numbers', async () => {
    options = await session.browser.newPage();
    await options.goto(session.url('src/popup/options.html'));
    await (await options.waitForSelector('[data-testid="calibration-start"]'))!.click();
    const steps = ['neutral', 'happy', 'sad', 'angry', 'surprise'] as const;
    for (const [i, mood] of steps.entries()) {
      await options.waitForSelector(`[data-testid="calibration-step"][data-mood="${mood}"]`, { timeout: 30_000 });
      if (i === 0) {
        await options.click('[data-testid="calibration-capture"]');
      } else {
        const input = (await options.$('[data-testid="photo-input"]')) as ElementHandle<HTMLInputElement>;
        await input.uploadFile(photoFile(FACES[mood], `calib-${mood}`));
      }
      await options.waitForFunction((m) => document.querySelector(`[data-testid="calibration-count-${m}"]`)?.textContent === '1', { timeout: 120_000 }, mood);
    }
    await options.waitForSelector('[data-testid="calibration-start"]');
    expect(await options.$('[role="alert"]')).toBeNull();
    const s = await storage();
    expect(s.calibration?.map((e) => e.emotion)).toEqual([...steps]);
    for (const ex of s.calibration!) {
      expect(ex.source).toBe('calibration');
      expect(ex.embedding.length).toBeGreaterThan(16);
      expect(Object.keys(ex).sort()).toEqual(['at', 'embedding', 'emotion', 'output', 'source']);
    }
    // Privacy: no image, no encoded blob anywhere in storage.
    const dump = JSON.stringify(s);
    expect(dump).not.toMatch(/data:image|base64,/);
    expect(dump).not.toMatch(/[A-Za-z0-9+/]{400,}/);
    // Exported history (the options' CSV) never carries embeddings.
    expect(JSON.stringify((s.history as unknown[]) ?? [])).not.toMatch(/embedding/);
  });

  it('a later check of the same face uses the examples and says so', async () => {
    await popup.reload();
    const out = await photoInPopup(popup, sadPhoto());
    expect(out.error).toBeNull();
    expect(await popup.$eval('[data-testid="personalised"]', (el) => el.textContent)).toMatch(/personalised/);
    const s = await storage();
    expect(s.lastCheck?.perception.personalised).toBe(true);
    expect(s.lastCheck!.perception.probabilities.sad).toBeGreaterThan(generic.sad);
    expect(out.probabilities!.sad).toBeGreaterThan(generic.sad);
  });

  it('"Not my mood" adds a labelled example', async () => {
    await popup.select('[data-testid="override"]', 'fear');
    await popup.waitForFunction(() => chrome.storage.local.get('calibration').then((s) => (s.calibration as unknown[]).length === 6), {
      polling: 200,
      timeout: 10_000,
    });
    const s = await storage();
    expect(s.calibration!.at(-1)).toMatchObject({ emotion: 'fear', source: 'correction' });
  });

  it('forget all, in one click, restores the generic output exactly', async () => {
    await options.bringToFront();
    await options.click('[data-testid="calibration-forget-all"]');
    await options.waitForFunction(() => document.querySelector('[data-testid="calibration-forget-all"]')?.textContent?.includes('(0)'), { timeout: 10_000 });
    expect((await storage()).calibration).toEqual([]);
    await popup.bringToFront();
    await popup.reload();
    const out = await photoInPopup(popup, sadPhoto());
    expect(out.error).toBeNull();
    expect(await popup.$('[data-testid="personalised"]')).toBeNull();
    const s = await storage();
    expect(s.lastCheck?.perception.personalised).toBe(false);
    for (const e of EMOTIONS) expect(s.lastCheck!.perception.probabilities[e]).toBe(generic[e]);
  });
});
