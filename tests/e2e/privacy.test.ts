import { photoDataUrl } from '../../tools/camera/image';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_PERMISSIONS, PERMISSIONS } from '../../src/shared/permissions';
import { WORKER_PATH } from '../../src/shared/senders';
import { clipOf, detectInPopup, DIST, FER_DEV, hasShared, launchExtension, offscreenTrackStates, ROOT, SHARED_MISSING, type ExtensionSession } from './harness';
import { outsideRequests, recordExtensionRequests } from './network-recorder';
import { serveFixtures, type FixtureServer } from './site-fixtures';

const HAPPY = join(FER_DEV, 'happy/PublicTest_11060787.jpg');

describe('the manifest asks for exactly what is documented', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Permissions'), readme.indexOf('\n## ', readme.indexOf('## Permissions') + 5));
  const documented = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);

  it('permissions and host patterns match the source list and the README table', () => {
    expect(manifest.permissions).toEqual([...PERMISSIONS]);
    expect(manifest.host_permissions).toEqual([...HOST_PERMISSIONS]);
    expect(documented.filter((d) => !d.includes('/')).sort()).toEqual([...PERMISSIONS].sort());
    expect(documented.filter((d) => d.startsWith('https://')).sort()).toEqual([...HOST_PERMISSIONS].sort());
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('the worker is where the message checks expect it (src/shared/senders.ts)', () => {
    expect(manifest.background.service_worker).toBe(WORKER_PATH);
  });

  it('the CSP forbids eval and remote code, and pages cannot probe for our files', () => {
    const csp: string = manifest.content_security_policy.extension_pages;
    expect(csp).toBe("script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    expect(csp).not.toMatch(/'unsafe-eval'|'unsafe-inline'|https?:/);
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });
});

if (!hasShared) console.warn(`SKIPPED privacy e2e tests: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('privacy in a real run', () => {
  let session: ExtensionSession;
  let fixtures: FixtureServer;
  let popup: Page;
  let recorder: Awaited<ReturnType<typeof recordExtensionRequests>>;

  beforeAll(async () => {
    session = await launchExtension({ camera: clipOf([HAPPY], 'privacy-happy') });
    recorder = await recordExtensionRequests(session.browser, session.extensionId);
    fixtures = await serveFixtures(session.browser);
    popup = await session.openPopup();
  });
  afterAll(async () => {
    await recorder?.stop();
    await fixtures?.stop();
    await session?.close();
  });

  it('a full check, a photo check and the options page make no request outside the extension', async () => {
    const camera = await detectInPopup(popup);
    expect(camera.emotion).toBe('happy');
    const photo = photoDataUrl(HAPPY, 0.55);
    const reply = await popup.evaluate(
      (dataUrl) => chrome.runtime.sendMessage({ target: 'background', name: 'detect', payload: { source: { kind: 'photo', dataUrl }, trigger: 'popup' } }),
      photo,
    );
    expect(reply).toMatchObject({ ok: true, value: { emotion: 'happy' } });
    const options = await session.browser.newPage();
    await options.goto(session.url('src/popup/options.html'));
    await options.waitForSelector('[data-testid="mapping-editor"]');
    await options.close();
    // The recorder works: it saw the offscreen document load the emotion model.
    expect(recorder.urls.some((u) => u.endsWith('/models/mooddj/weights.bin'))).toBe(true);
    expect(outsideRequests(recorder.urls, session.extensionId)).toEqual([]);
  });

  it('no image data is ever stored', async () => {
    const all = (await popup.evaluate(() => chrome.storage.local.get(null))) as Record<string, unknown>;
    const dump = JSON.stringify(all);
    expect(dump).not.toMatch(/data:image|base64,/);
    // No long runs of base64-looking text either (an encoded frame would be kilobytes).
    expect(dump).not.toMatch(/[A-Za-z0-9+/]{400,}/);
    expect(Object.keys(all)).toContain('history');
  });

  it('the camera is off after a check', async () => {
    const states = await offscreenTrackStates(session);
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'ended')).toBe(true);
  });

  it('a streaming-site page cannot start a check', async () => {
    const page = await session.browser.newPage();
    await page.goto('https://music.youtube.com/', { waitUntil: 'load' });
    const before = await popup.evaluate(async () => ((await chrome.storage.local.get('lastCheck')).lastCheck as { at: number }).at);
    const pageView = await page.evaluate(() => {
      const forged = [
        { target: 'background', name: 'detect', payload: { source: { kind: 'camera' }, trigger: 'popup' } },
        { target: 'offscreen', name: 'analyze', payload: { source: { kind: 'camera' }, frames: 5, checkId: 'x' } },
      ];
      for (const message of forged) {
        window.postMessage(message, '*');
        window.postMessage({ source: 'mooddj', ...message }, '*');
      }
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      return { canMessageExtensions: typeof runtime?.sendMessage === 'function' };
    });
    // Without externally_connectable, the page has no channel to the extension at all.
    expect(pageView.canMessageExtensions).toBe(false);
    await new Promise((r) => setTimeout(r, 1500));
    const after = await popup.evaluate(async () => ((await chrome.storage.local.get('lastCheck')).lastCheck as { at: number }).at);
    expect(after).toBe(before);
    await page.close();
  });
});
