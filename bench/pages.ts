/** Drives one engine's bench page: Detect checks, per-frame runs, memory. */
import type { Browser, Page } from 'puppeteer-core';
import { clickOnPageClock } from '../tools/popup-driver';
import { heapAfterGc, watchExternal } from './cdp';
import type { BenchApi, BenchBackend, CheckOutcome, FrameRun } from './page/protocol';
import type { EngineRun } from './results';
import { runOrder, summarizeTimings, tally } from './stats';
import type { EngineId } from './table';

export interface RunPlan {
  /** Runs over the frame set ("checks" for the memory figures). */
  checks: number;
  warmup: number;
  warmChecks: number;
  framesPerCheck: number;
  frameUrls: string[];
  truth: number[];
}

const BATCH = 10;
type Api = Required<BenchApi>;

/** Calls `window.bench[method]` in the page (a closure over a Node helper would not survive serialisation). */
export function callBench<K extends keyof Api>(page: Page, method: K, ...args: Parameters<Api[K]>): Promise<Awaited<ReturnType<Api[K]>>> {
  return page.evaluate(
    (m: string, a: unknown[]) => (globalThis as unknown as { bench: Record<string, (...x: unknown[]) => unknown> }).bench[m](...a),
    method,
    args,
  ) as Promise<Awaited<ReturnType<Api[K]>>>;
}

/**
 * Presses the page's Detect button and waits for its result, timed on the page's own clock from
 * the click event to the DOM change that shows the result, as tools/popup-driver.ts times the
 * popup, so the driver's round trips count for no engine.
 */
export async function clickDetect(page: Page, timeoutMs = 180_000): Promise<{ ms: number; outcome: CheckOutcome }> {
  const count = () => page.$eval('[data-testid="result"]', (el) => Number((el as HTMLElement).dataset.count));
  const before = await count();
  const clickAt = await clickOnPageClock(page, '[data-testid="detect"]');
  const shown = await page.waitForFunction(
    (n: number) => (Number((document.querySelector('[data-testid="result"]') as HTMLElement).dataset.count) > n ? performance.now() : false),
    { polling: 'mutation', timeout: timeoutMs },
    before,
  );
  const ms = ((await shown.jsonValue()) as number) - clickAt;
  const outcome = JSON.parse(await page.$eval('[data-testid="result"]', (el) => el.textContent ?? '{}')) as CheckOutcome;
  return { ms, outcome };
}

export async function openPage(browser: Browser, url: string, external: string[]): Promise<Page> {
  const page = await browser.newPage();
  await page.setCacheEnabled(false);
  watchExternal(page, external);
  page.on('pageerror', (err) => console.error(`  page error: ${err instanceof Error ? err.message : String(err)}`));
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in globalThis, { timeout: 60_000 });
  return page;
}

export async function measureEngine(
  browser: Browser,
  origin: string,
  engine: EngineId,
  backend: BenchBackend,
  plan: RunPlan,
  external: string[],
  log: (s: string) => void,
): Promise<EngineRun> {
  const page = await openPage(browser, `${origin}/page/${engine}.html?backend=${backend}&frames=${plan.framesPerCheck}`, external);
  page.setDefaultTimeout(180_000);
  try {
    const cold = await clickDetect(page);
    const checkErrors = cold.outcome.error ? [cold.outcome.error] : [];
    const warmCheckMs: number[] = [];
    for (let i = 0; i < plan.warmChecks; i++) {
      const warm = await clickDetect(page);
      warmCheckMs.push(warm.ms);
      if (warm.outcome.error) checkErrors.push(warm.outcome.error);
    }
    for (const e of new Set(checkErrors)) log(`check failed: ${e}`);
    log(`cold check ${cold.ms.toFixed(0)} ms (load ${cold.outcome.loadMs?.toFixed(0) ?? '?'} ms), warm ${warmCheckMs.map((m) => m.toFixed(0)).join('/')} ms`);

    await callBench(page, 'loadFrames', plan.frameUrls);
    const order = runOrder(plan.frameUrls.length, plan.checks);
    const runs: FrameRun[] = [];
    let afterWarmup = NaN;
    for (let i = 0; i < order.length; i += BATCH) {
      runs.push(...(await callBench(page, 'runFrames', order.slice(i, i + BATCH))));
      if (Number.isNaN(afterWarmup) && runs.length >= plan.warmup) afterWarmup = await callBench(page, 'numTensors');
    }
    const after = await callBench(page, 'numTensors');
    await callBench(page, 'releaseFrames');
    const cdp = await page.createCDPSession();
    const heap = await heapAfterGc(cdp);
    await cdp.detach();
    const info = await callBench(page, 'info');

    const timed = runs
      .slice(plan.warmup)
      .map((r) => r.ms)
      .filter((ms) => Number.isFinite(ms));
    const first = runs.slice(0, plan.frameUrls.length);
    const result: EngineRun = {
      engine,
      backend,
      activeBackend: info.backend,
      glRenderer: info.glRenderer,
      coldCheckMs: cold.ms,
      coldLoadMs: cold.outcome.loadMs,
      checkErrors,
      warmCheckMs,
      perFrame: summarizeTimings(timed, 0),
      timedRuns: timed.length,
      runs: runs.length,
      // Capped runs (software GL) may cover only part of the frame set.
      frames: tally(
        plan.truth.slice(0, first.length),
        first.map((r) => r.probs),
      ),
      tensors: { afterWarmup, after },
      heap,
    };
    log(
      `per frame median ${result.perFrame.median.toFixed(1)} ms, p90 ${result.perFrame.p90.toFixed(1)} ms over ${timed.length} runs; faces not found ${result.frames.notFound}/${result.frames.n}; tensors ${afterWarmup} -> ${after}`,
    );
    return result;
  } finally {
    await page.close();
  }
}
