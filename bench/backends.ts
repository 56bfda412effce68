/** One backend's sessions: each engine in its own fresh browser. */
import type { Browser } from 'puppeteer-core';
import { launchExtension } from '../tools/browser';
import { GL_RENDERER_EXPRESSION, NO_MUSIC_SITES } from './cdp';
import { measureEngine, type RunPlan } from './pages';
import type { BenchBackend } from './page/protocol';
import type { EngineRun } from './results';
import type { BenchServer } from './server';
import { ENGINES, type EngineId } from './table';
import { WEBGPU_ARGS } from './webgpu';

const log = (s: string) => console.error(s);

/**
 * Runs per engine on a software WebGL (SwiftShader): it is 5-20x slower than wasm, and
 * --checks of them for every engine would not fit the bench's 15 minutes on two cores.
 */
export const SOFTWARE_GL_RUNS = 40;

async function softwareGl(browser: Browser, origin: string): Promise<string | null> {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/probe.html`);
    const renderer = (await page.evaluate(GL_RENDERER_EXPRESSION)) as string | null;
    return renderer && /swiftshader/i.test(renderer) ? renderer : null;
  } finally {
    await page.close();
  }
}

export function backendLabel(backend: BenchBackend, runs: EngineRun[]): string {
  const renderer = runs.find((r) => r.glRenderer)?.glRenderer ?? 'none';
  const software = /swiftshader/i.test(renderer);
  if (backend === 'wasm') return 'tfjs wasm, single-threaded SIMD in every engine (no cross-origin isolation, as in the extension)';
  if (backend === 'webgl') return `WebGL2 on ${renderer}${software ? ' (software GL on the CPU: not a GPU figure)' : ''}`;
  return `WebGPU${software ? ' on SwiftShader (software: timings mean nothing)' : ''}`;
}

export async function engineSessions(
  server: BenchServer,
  clip: string,
  backend: BenchBackend,
  plan: RunPlan,
  external: string[],
  errors: string[],
): Promise<Partial<Record<EngineId, EngineRun>>> {
  const engines: Partial<Record<EngineId, EngineRun>> = {};
  let runPlan = plan;
  // A fresh browser per engine: nothing compiled or cached by one engine helps the next.
  for (const engine of ENGINES) {
    log(`[${backend}] ${engine}`);
    const gpuArgs = backend === 'webgpu' ? [...WEBGPU_ARGS, '--use-angle=default'] : [];
    const session = await launchExtension({ camera: clip, webgpu: backend === 'webgpu', extraArgs: [NO_MUSIC_SITES, ...gpuArgs] });
    try {
      if (backend === 'webgl' && runPlan === plan && plan.checks > SOFTWARE_GL_RUNS && (await softwareGl(session.browser, server.origin))) {
        runPlan = { ...plan, checks: SOFTWARE_GL_RUNS };
        log(`  WebGL is SwiftShader here: ${SOFTWARE_GL_RUNS} runs per engine instead of ${plan.checks}`);
      }
      engines[engine] = await measureEngine(session.browser, server.origin, engine, backend, runPlan, external, (s) => log(`  ${s}`));
    } catch (err) {
      errors.push(`${engine} on ${backend}: ${err instanceof Error ? err.message : String(err)}`);
      log(`  FAILED: ${errors.at(-1)}`);
    } finally {
      await session.close();
    }
  }
  return engines;
}
