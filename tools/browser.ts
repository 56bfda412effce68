import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { TargetType, type Browser, type Page, type WebWorker } from 'puppeteer-core';

export const ROOT = resolve(import.meta.dirname, '..');
export const DIST = join(ROOT, 'dist');

/** Debian's binary, not the /usr/bin/chromium wrapper script, which adds flags of its own. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`Chromium not found (looked at ${candidates.join(', ')}). Install it with: sudo apt-get install chromium`);
  }
  return found;
}

export interface LaunchOptions {
  /** A y4m clip for the fake camera; without one Chromium's test pattern is shown. */
  camera?: string;
  /** No fake camera device at all, to test the "no camera" path. */
  noCamera?: boolean;
  /** Auto-accept camera prompts (default); off, permissions behave as for a real user. */
  fakeUi?: boolean;
  headless?: boolean;
  /** Adds SwiftShader WebGPU (slow; proves the path, never time it). */
  webgpu?: boolean;
  extraArgs?: string[];
  /**
   * The browser's language, as a user's Chrome would have it ("de"): Chromium's --lang, which
   * the extension's messages follow even where this Chromium lacks that language's interface
   * pack (Debian ships them in chromium-l10n), and LANGUAGE, which a Linux Chromium that has
   * the pack reads for its own interface.
   */
  lang?: string;
  /** The built extension to load (default dist/): the bench compares other builds. */
  dist?: string;
}

export interface ExtensionSession {
  browser: Browser;
  extensionId: string;
  /** The browser profile's folder (the extension's storage, IndexedDB included), removed by close(). */
  profile: string;
  url(path: string): string;
  worker(): Promise<WebWorker>;
  openPopup(): Promise<Page>;
  /** Stops the service worker the way Chrome does when it is idle. */
  stopWorker(): Promise<void>;
  /** Closes the offscreen document, as the worker's idle alarm does a while after a check. */
  closeOffscreen(): Promise<void>;
  close(): Promise<void>;
}

export async function launchExtension(opts: LaunchOptions = {}): Promise<ExtensionSession> {
  const dist = opts.dist ?? DIST;
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist === DIST ? 'dist/' : dist} is missing: run \`npm run build\` first`);
  const profile = mkdtempSync(join(tmpdir(), 'mooddj-profile-'));
  const args = [
    '--no-sandbox',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    ...(opts.fakeUi === false ? [] : ['--use-fake-ui-for-media-stream']),
    ...(opts.noCamera ? [] : ['--use-fake-device-for-media-stream']),
    ...(opts.camera ? [`--use-file-for-fake-video-capture=${opts.camera}`] : []),
    ...(opts.webgpu ? ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=swiftshader'] : ['--disable-gpu']),
    ...(opts.lang ? [`--lang=${opts.lang}`] : []),
    ...(opts.extraArgs ?? []),
  ];
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    pipe: true,
    enableExtensions: [dist],
    userDataDir: profile,
    args,
    ...(opts.lang ? { env: { ...process.env, LANGUAGE: opts.lang } } : {}),
  });
  const workerTarget = await browser.waitForTarget((t) => t.type() === TargetType.SERVICE_WORKER && t.url().startsWith('chrome-extension://'), {
    timeout: 30_000,
  });
  const extensionId = new URL(workerTarget.url()).host;
  const url = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;

  const session: ExtensionSession = {
    browser,
    extensionId,
    profile,
    url,
    async worker() {
      const target = await browser.waitForTarget((t) => t.type() === TargetType.SERVICE_WORKER && t.url().startsWith(`chrome-extension://${extensionId}/`), {
        timeout: 30_000,
      });
      const w = await target.worker();
      if (!w) throw new Error('service worker target has no worker');
      // Chrome binds the extension APIs to the worker a moment after its target appears: an
      // evaluate before that finds no `chrome`.
      const deadline = Date.now() + 10_000;
      while (!(await w.evaluate(() => typeof chrome === 'object' && Boolean(chrome.runtime?.id)).catch(() => false)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      return w;
    },
    async openPopup() {
      const page = await browser.newPage();
      await page.setViewport({ width: 380, height: 600 });
      await page.goto(url('src/popup/index.html'));
      return page;
    },
    async stopWorker() {
      const cdp = await browser.target().createCDPSession();
      await cdp.send('ServiceWorker.enable').catch(() => undefined);
      const target = browser.targets().find((t) => t.type() === TargetType.SERVICE_WORKER && t.url().includes(extensionId));
      if (!target) return;
      // Closing the worker's target terminates it, like Chrome's idle shutdown.
      const { targetInfos } = await cdp.send('Target.getTargets');
      const info = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
      if (info) await cdp.send('Target.closeTarget', { targetId: info.targetId });
      await cdp.detach();
      const deadline = Date.now() + 10_000;
      while (browser.targets().some((t) => t.type() === TargetType.SERVICE_WORKER && t.url().includes(extensionId)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async closeOffscreen() {
      const worker = await session.worker();
      await worker.evaluate(() => chrome.offscreen.closeDocument());
    },
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return session;
}
