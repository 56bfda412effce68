/** What every popup state must pass: it fits 380x600 with the main flow in view, and axe finds nothing serious. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { ROOT } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENS = join(ROOT, '.out/screens');

export interface Fit {
  scrollHeight: number;
  /** Where the popup's content ends (px); a figure for people, the test checks scrollHeight. */
  contentBottom: number;
  /** Hooks of the main flow that are missing or not wholly inside the 380x600 viewport. */
  outside: string[];
}

export function measureFit(page: Page, mainFlow: string[]): Promise<Fit> {
  return page.evaluate((ids) => {
    const outside = ids.filter((id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (!el) return true;
      const b = el.getBoundingClientRect();
      return b.width === 0 || b.height === 0 || b.top < 0 || b.left < 0 || b.bottom > window.innerHeight || b.right > window.innerWidth;
    });
    const main = document.querySelector('main');
    return { scrollHeight: document.documentElement.scrollHeight, contentBottom: Math.round(main?.getBoundingClientRect().bottom ?? 0), outside };
  }, mainFlow);
}

/** Serious and critical axe violations, as "rule: target" lines. */
export async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

export type Scheme = 'light' | 'dark';

/**
 * Shoots one state in light and dark, and checks each: the page does not scroll past
 * 600 px (popups only; the options page is a full tab), the main flow is on screen,
 * and axe reports no serious or critical violation.
 */
export async function checkState(page: Page, name: string, mainFlow: string[], opts: { popup?: boolean } = {}): Promise<void> {
  mkdirSync(dirname(join(SCREENS, name)), { recursive: true });
  for (const scheme of ['light', 'dark'] as Scheme[]) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await page.screenshot({ path: join(SCREENS, `${name}-${scheme}.png`), fullPage: opts.popup === false });
    if (opts.popup !== false) {
      const fit = await measureFit(page, mainFlow);
      console.log(`${name} (${scheme}): content ends at ${fit.contentBottom} px of 600`);
      expect(fit.scrollHeight, `${name} (${scheme}) scroll height`).toBeLessThanOrEqual(600);
      expect(fit.outside, `${name} (${scheme}) main-flow hooks off screen`).toEqual([]);
    }
    expect(await axeProblems(page), `${name} (${scheme}) axe`).toEqual([]);
  }
  await page.emulateMediaFeatures([]);
}
