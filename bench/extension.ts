/**
 * The real extension (dist/), on whatever backend it picks: Detect from the popup, then
 * photo checks through the service worker and offscreen document, timed by the pipeline.
 */
import type { Page } from 'puppeteer-core';
import { launchExtension, type ExtensionSession } from '../tools/browser';
import { timedDetectInPopup } from '../tools/popup-driver';
import { EMOTIONS } from '../src/shared/emotions';
import type { Reply } from '../src/shared/messaging';
import type { Perception } from '../src/shared/perception';
import { evaluateIn, GL_RENDERER_EXPRESSION, heapAfterGc, NO_MUSIC_SITES, OFFSCREEN, targetSession } from './cdp';
import type { BenchFrame } from './frames';
import type { RunPlan } from './pages';
import type { CheckBreakdown, ExtensionRun, ModelLoad } from './results';
import { median, runOrder, summarizeTimings, tally } from './stats';

/** Verdicts that mean "no usable face", as tools/eval/full.ts counts them. */
const NOT_FOUND = new Set(['no-face', 'face-too-small', 'too-dark']);

async function timedDetect(popup: Page): Promise<{ ms: number; error: string | null; breakdown: CheckBreakdown | null }> {
  const { outcome, ms } = await timedDetectInPopup(popup, 180_000);
  const last = (await popup.evaluate(() => chrome.storage.local.get('lastCheck'))) as { lastCheck?: { perception?: Perception | null } };
  const p = last.lastCheck?.perception;
  return { ms, error: outcome.error ? `${outcome.errorCode}: ${outcome.error}` : null, breakdown: p ? breakdownOf(ms, p) : null };
}

function breakdownOf(clickToResult: number, p: Perception): CheckBreakdown {
  const t = p.timings;
  const cameraOpen = t.cameraOpenMs ?? 0;
  const settle = t.settleMs ?? 0;
  const modelWait = t.modelWaitMs ?? 0;
  const frames = t.readMs ?? 0;
  return {
    clickToResult,
    cameraOpen,
    settle,
    modelWait,
    frames,
    models: t.perFrameMs * p.framesCaptured,
    framesRead: p.framesCaptured,
    afterFrames: t.totalMs - cameraOpen - settle - modelWait - frames,
    workerAndMusic: clickToResult - t.totalMs,
  };
}

/** Per-field median of several checks' breakdowns. */
function medianBreakdown(all: CheckBreakdown[]): CheckBreakdown | null {
  if (!all.length) return null;
  const keys = Object.keys(all[0]) as (keyof CheckBreakdown)[];
  return Object.fromEntries(keys.map((k) => [k, median(all.map((b) => b[k]))])) as unknown as CheckBreakdown;
}

/** A photo check sent from the popup the way its photo picker sends one. */
export function photoCheck(popup: Page, dataUrl: string): Promise<Reply<Perception>> {
  return popup.evaluate(
    (url: string) =>
      chrome.runtime.sendMessage({ target: 'background', name: 'detect', payload: { source: { kind: 'photo', dataUrl: url }, trigger: 'popup' } }),
    dataUrl,
  ) as Promise<Reply<Perception>>;
}

/** The offscreen document's model load, once it has loaded them (null before). */
const LOAD_EXPRESSION =
  'globalThis.mooddjDebug?.modelsLoaded() ? { ...globalThis.mooddjDebug.firstLoad(), fromCache: globalThis.mooddjDebug.runtimeFromCache() } : null';

/** Until the offscreen document (a new one may not answer yet) has loaded the models: its load. */
async function documentLoad(session: ExtensionSession): Promise<ModelLoad | null> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const cdp = await targetSession(session.browser, OFFSCREEN).catch(() => null);
    if (cdp) {
      try {
        const load = await evaluateIn<ModelLoad | null>(cdp, LOAD_EXPRESSION);
        if (load) return load;
      } finally {
        await cdp.detach();
      }
    }
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * What every popup after the first sees once the idle alarm has closed the offscreen document:
 * a new document, whose warm-up finds MediaPipe's runtime already unpacked (src/offscreen/assets/unpacked-cache.ts).
 */
async function laterDocumentLoad(session: ExtensionSession): Promise<ExtensionRun['laterLoad']> {
  await session.closeOffscreen();
  const popup = await session.openPopup();
  try {
    await popup.waitForSelector('[data-testid="detect"]');
    const load = await documentLoad(session);
    return load && { total: load.total, fromCache: load.fromCache };
  } finally {
    await popup.close();
  }
}

export async function measureExtension(
  clip: string,
  frames: BenchFrame[],
  plan: Omit<RunPlan, 'frameUrls' | 'truth' | 'framesPerCheck'>,
  log: (s: string) => void,
): Promise<ExtensionRun> {
  const session = await launchExtension({ camera: clip, extraArgs: [NO_MUSIC_SITES] });
  try {
    // Installing warms the extension in the background, which unpacks MediaPipe's runtime once.
    const installed = await documentLoad(session);
    const installLoad = installed && !installed.fromCache ? installed : null;
    if (installLoad) log(`models' load right after install (in the background, unpacking MediaPipe's runtime): ${installLoad.total.toFixed(0)} ms`);
    // The cold check is every first check once the idle alarm has closed the document: a new
    // document, clicked as soon as the popup shows, while the popup's warming has only just started.
    await session.closeOffscreen();
    const popup = await session.openPopup();
    await popup.waitForSelector('[data-testid="detect"]');
    const cold = await timedDetect(popup);
    const last = (await popup.evaluate(() => chrome.storage.local.get('lastCheck'))) as { lastCheck?: { perception?: Perception | null } };
    const coldPerception = last.lastCheck?.perception ?? null;
    const checkErrors = cold.error ? [cold.error] : [];
    const warmCheckMs: number[] = [];
    const warmBreakdowns: CheckBreakdown[] = [];
    for (let i = 0; i < plan.warmChecks; i++) {
      const warm = await timedDetect(popup);
      warmCheckMs.push(warm.ms);
      if (warm.breakdown) warmBreakdowns.push(warm.breakdown);
      if (warm.error) checkErrors.push(warm.error);
    }
    const breakdown = { cold: cold.breakdown, warm: medianBreakdown(warmBreakdowns) };
    const parts = (b: CheckBreakdown | null) =>
      b
        ? `camera open ${b.cameraOpen.toFixed(0)}, settle ${b.settle.toFixed(0)}, model wait ${b.modelWait.toFixed(0)}, ${b.framesRead} frames ${b.frames.toFixed(0)} (models ${b.models.toFixed(0)}), after ${b.afterFrames.toFixed(0)}, worker+music ${b.workerAndMusic.toFixed(0)}`
        : 'no reading';
    log(`cold check: ${parts(breakdown.cold)}`);
    log(`warm check (median): ${parts(breakdown.warm)}`);
    for (const e of new Set(checkErrors)) log(`check failed: ${e}`);
    log(
      `popup Detect cold ${cold.ms.toFixed(0)} ms (model load ${coldPerception?.timings.modelLoadMs.toFixed(0) ?? '?'} ms), warm ${warmCheckMs.map((m) => m.toFixed(0)).join('/')} ms`,
    );

    const urls = frames.map((f) => `data:image/png;base64,${f.png.toString('base64')}`);
    const runs: { ms: number; probs: number[] | null }[] = [];
    let afterWarmup = NaN;
    let model = coldPerception?.model ?? 'unknown';
    const tensors = async () => {
      const cdp = await targetSession(session.browser, OFFSCREEN);
      try {
        return await evaluateIn<number>(cdp, 'globalThis.mooddjDebug.numTensors()');
      } finally {
        await cdp.detach();
      }
    };
    for (const i of runOrder(frames.length, plan.checks)) {
      const reply = await photoCheck(popup, urls[i]);
      if (reply.ok) {
        model = reply.value.model;
        runs.push({ ms: reply.value.timings.perFrameMs, probs: EMOTIONS.map((e) => reply.value.probabilities[e]) });
      } else if (NOT_FOUND.has(reply.error.code)) {
        runs.push({ ms: NaN, probs: null });
      } else {
        throw new Error(`photo check failed: ${reply.error.code}: ${reply.error.message}`);
      }
      if (runs.length === plan.warmup) afterWarmup = await tensors();
    }
    const after = await tensors();
    const cdp = await targetSession(session.browser, OFFSCREEN);
    // Extension pages share one renderer and one V8 heap: with the popup open the figure holds
    // the popup's code and state too (about 1.8 MB). The peers' figure is their page alone, so
    // the offscreen document is measured alone, as it stands between checks once the popup closes.
    const withPopup = await heapAfterGc(cdp);
    await popup.close();
    await new Promise((r) => setTimeout(r, 500));
    const heap = await heapAfterGc(cdp);
    const mb = (b: number) => (b / 1e6).toFixed(2);
    log(
      `heap after GC: offscreen document alone ${mb(heap.usedBytes)} MB (buffers ${mb(heap.buffersBytes)} MB); with the popup open ${mb(withPopup.usedBytes)} MB (${mb(withPopup.buffersBytes)} MB)`,
    );
    const backend = await evaluateIn<string>(cdp, 'globalThis.mooddjDebug.backend()');
    // The popup's warm-up loads the models (the cold check waits for the rest); the load's own
    // duration in that new document is what compares with the peers' load in a new page.
    const firstLoad = await evaluateIn<ModelLoad | null>(cdp, LOAD_EXPRESSION);
    const glRenderer = await evaluateIn<string | null>(cdp, GL_RENDERER_EXPRESSION);
    await cdp.detach();
    const laterLoad = await laterDocumentLoad(session);
    if (laterLoad) {
      log(
        `models' load in a later offscreen document (MediaPipe's runtime ${laterLoad.fromCache ? 'from the cache' : 'unpacked again'}): ${laterLoad.total.toFixed(0)} ms`,
      );
    }

    const timed = runs
      .slice(plan.warmup)
      .map((r) => r.ms)
      .filter((ms) => Number.isFinite(ms));
    const result: ExtensionRun = {
      model,
      breakdown,
      activeBackend: backend,
      glRenderer,
      coldCheckMs: cold.ms,
      coldLoadMs: firstLoad?.total ?? coldPerception?.timings.modelLoadMs ?? null,
      installLoad,
      firstLoad,
      laterLoad,
      checkErrors,
      warmCheckMs,
      perFrame: summarizeTimings(timed, 0),
      timedRuns: timed.length,
      runs: runs.length,
      frames: tally(
        frames.slice(0, runs.length).map((f) => EMOTIONS.indexOf(f.truth)),
        runs.slice(0, frames.length).map((r) => r.probs),
      ),
      tensors: { afterWarmup, after },
      heap,
    };
    log(
      `backend ${backend}, model ${model}; per frame median ${result.perFrame.median.toFixed(1)} ms, p90 ${result.perFrame.p90.toFixed(1)} ms over ${timed.length} photo checks; tensors ${afterWarmup} -> ${after}`,
    );
    return result;
  } finally {
    await session.close();
  }
}
