/** DevTools-protocol helpers shared by the extension and bench-page measurements. */
import type { Browser, CDPSession, Page } from 'puppeteer-core';

export interface HeapFigures {
  /** V8 heap in use after a full GC. */
  usedBytes: number;
  /** ArrayBuffer backing stores (wasm memory, pixel buffers) after the same GC. */
  buffersBytes: number;
}

/** Collects garbage first, so the figure is what stays alive, not what awaits collection. */
export async function heapAfterGc(cdp: CDPSession): Promise<HeapFigures> {
  await cdp.send('HeapProfiler.collectGarbage');
  const h = await cdp.send('Runtime.getHeapUsage');
  return { usedBytes: h.usedSize, buffersBytes: h.backingStorageSize ?? NaN };
}

export { evaluateIn } from '../tools/rig';

/** The WebGL renderer a context in that document gets: names SwiftShader when there is no GPU. */
export const GL_RENDERER_EXPRESSION = `(() => {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const r = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return r;
})()`;

/**
 * Records every request a page makes that leaves this machine: the peers must load
 * everything from the loopback server, never from a CDN.
 */
export function watchExternal(page: Page, into: string[]): void {
  page.on('request', (req) => {
    const url = req.url();
    if (!/^(data|blob|chrome-extension|chrome|about):/.test(url) && !/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) into.push(url);
  });
}

/** Where the extension's offscreen document (camera, models) lives. */
export const OFFSCREEN = '/src/offscreen/index.html';

/** The streaming sites a check tries to open; the bench keeps them off the network. */
export const NO_MUSIC_SITES = '--host-resolver-rules=MAP music.youtube.com ~NOTFOUND, MAP open.spotify.com ~NOTFOUND';

export async function targetSession(browser: Browser, urlEnd: string): Promise<CDPSession> {
  const target = await browser.waitForTarget((t) => t.url().endsWith(urlEnd), { timeout: 10_000 });
  return target.createCDPSession();
}
