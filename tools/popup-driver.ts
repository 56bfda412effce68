import type { ElementHandle, Page } from 'puppeteer-core';
import { EMOTIONS } from '../src/shared/emotions.ts';

export interface PopupOutcome {
  emotion: string | null;
  /** The check's own failure (no face, camera...); music-site problems are in musicError. */
  confidence: number | null;
  probabilities: Record<string, number> | null;
  query: string | null;
  site: string | null;
  error: string | null;
  errorCode: string | null;
  musicError: string | null;
  /** A Grad-CAM overlay image is shown over the face crop. */
  heatmap: boolean;
  /** Below the not-sure bar: the popup asks for the mood instead of playing music. */
  notSure: boolean;
  /** The moods offered as one-tap choices (empty unless the popup is waiting for a pick). */
  choices: string[];
}

/** A hook's machine value (data-value, e.g. "happy", "0.823") or, without one, its text. */
const text = (page: Page, id: string) =>
  page.$eval(`[data-testid="${id}"]`, (el) => el.getAttribute('data-value') ?? el.textContent?.trim() ?? null).catch(() => null);

/** Presses Detect like a user and waits until the popup shows a result or an error. */
export async function detectInPopup(page: Page, timeoutMs = 120_000): Promise<PopupOutcome> {
  return (await timedDetectInPopup(page, timeoutMs)).outcome;
}

/**
 * detectInPopup, timed on the popup's own clock: from the click event to the DOM change that
 * ends the check, so the driver's own round trips (waiting for the button, reading the outcome)
 * are not counted.
 */
export async function timedDetectInPopup(page: Page, timeoutMs = 120_000): Promise<{ outcome: PopupOutcome; ms: number }> {
  await page.waitForSelector('[data-testid="detect"]:not([disabled])', { timeout: 30_000 });
  const clickAt = await clickOnPageClock(page, '[data-testid="detect"]');
  // The button is disabled while the check runs and enabled again when it ends.
  await page.waitForFunction(() => document.querySelector('[data-testid="detect"]')?.hasAttribute('disabled'), { timeout: 10_000 }).catch(() => undefined);
  const endAt = await waitForCheckEnd(page, timeoutMs);
  return { outcome: await readOutcome(page), ms: endAt - clickAt };
}

/** Clicks `selector` like a user; returns the page's clock (performance.now) at the click event. */
export async function clickOnPageClock(page: Page, selector: string): Promise<number> {
  await page.$eval(selector, (el) =>
    el.addEventListener('click', () => ((globalThis as { driverClickAt?: number }).driverClickAt = performance.now()), { capture: true, once: true }),
  );
  // page.click resolves once the click has been dispatched, so the time is set by then.
  await page.click(selector);
  return page.evaluate(() => (globalThis as { driverClickAt?: number }).driverClickAt ?? NaN);
}

/** Picks an image file with "Use a photo", like a user, and waits for the result or an error. */
export async function photoInPopup(page: Page, file: string, timeoutMs = 120_000): Promise<PopupOutcome> {
  const input = (await page.waitForSelector('[data-testid="photo-input"]', { timeout: 30_000 })) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  await page.waitForFunction(() => document.querySelector('[data-testid="detect"]')?.hasAttribute('disabled'), { timeout: 10_000 }).catch(() => undefined);
  await waitForCheckEnd(page, timeoutMs);
  return readOutcome(page);
}

/**
 * Until Detect is enabled again and the status shows a result or an error (seen on the DOM
 * change itself); returns the popup's clock at that moment.
 */
async function waitForCheckEnd(page: Page, timeoutMs: number): Promise<number> {
  const ended = await page.waitForFunction(
    () => {
      const stage = document.querySelector('[data-testid="status"]')?.getAttribute('data-stage');
      const enabled = !document.querySelector('[data-testid="detect"]')?.hasAttribute('disabled');
      return enabled && (stage === 'done' || stage === 'error') ? performance.now() : false;
    },
    { timeout: timeoutMs, polling: 'mutation' },
  );
  return (await ended.jsonValue()) as number;
}

/** Switches the popup to one of its views (tabs) like a user. */
export async function showView(page: Page, view: 'now' | 'moods' | 'settings'): Promise<void> {
  await page.click(`[data-testid="tab-${view}"]`);
  await page.waitForSelector(`[data-testid="panel-${view}"]:not([hidden])`);
}

export async function readOutcome(page: Page): Promise<PopupOutcome> {
  const shown = await page
    .$eval('[data-testid="error"]', (el) => ({
      text: el.textContent?.trim() ?? '',
      code: el.getAttribute('data-code'),
      source: el.getAttribute('data-source'),
    }))
    .catch(() => null);
  const checkError = shown?.source === 'check' ? shown : null;
  const emotion = checkError ? null : await text(page, 'emotion');
  const probabilities: Record<string, number> = {};
  for (const e of EMOTIONS) {
    const v = await text(page, `prob-${e}`); // data-value: the probability, not the rounded percent
    if (v !== null) probabilities[e] = Number(v);
  }
  const conf = emotion ? await text(page, 'confidence') : null;
  const query = emotion ? await text(page, 'music-query') : null;
  // The overlay is in the page whether or not the heatmap toggle shows it.
  const heatmap = emotion
    ? await page
        .$eval('[data-testid="heatmap"] img.overlay', (el) => {
          const img = el;
          return img.src.startsWith('data:image/') && img.complete && img.naturalWidth > 0;
        })
        .catch(() => false)
    : false;
  const notSure = emotion ? (await page.$('[data-testid="not-sure"]')) !== null : false;
  const choices = emotion
    ? await page.$$eval('[data-testid^="unsure-choice-"]', (els) => els.map((el) => el.getAttribute('data-testid')!.slice('unsure-choice-'.length)))
    : [];
  const site = await page.$eval('[data-testid="music-site"]', (el) => el.getAttribute('data-site')).catch(() => null);
  return {
    emotion,
    confidence: conf === null ? null : Number(conf),
    probabilities: emotion ? probabilities : null,
    // Hidden and empty when the check chose no music.
    query: query || null,
    site,
    error: checkError?.text ?? null,
    errorCode: checkError?.code ?? null,
    musicError: shown?.source === 'music' ? shown.text : null,
    heatmap,
    notSure,
    choices,
  };
}
