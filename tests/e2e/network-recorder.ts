import type { Browser, CDPSession, Target } from 'puppeteer-core';

/**
 * Records every network request made by the extension's own contexts (service worker,
 * offscreen document, popup and options pages), including ones created later.
 */
export async function recordExtensionRequests(browser: Browser, extensionId: string): Promise<{ urls: string[]; stop: () => Promise<void> }> {
  const urls: string[] = [];
  const sessions: CDPSession[] = [];
  const prefix = `chrome-extension://${extensionId}/`;
  const attach = async (target: Target) => {
    if (!target.url().startsWith(prefix)) return;
    const cdp = await target.createCDPSession().catch(() => null);
    if (!cdp) return;
    sessions.push(cdp);
    cdp.on('Network.requestWillBeSent', (e: { request: { url: string } }) => urls.push(e.request.url));
    await cdp.send('Network.enable').catch(() => undefined);
  };
  const onTarget = (t: Target) => void attach(t);
  browser.on('targetcreated', onTarget);
  await Promise.all(browser.targets().map(attach));
  return {
    urls,
    stop: async () => {
      browser.off('targetcreated', onTarget);
      await Promise.all(sessions.map((s) => s.detach().catch(() => undefined)));
    },
  };
}

/** Requests that leave the extension: anything but its own files and in-memory URLs. */
export function outsideRequests(urls: string[], extensionId: string): string[] {
  return urls.filter((u) => !u.startsWith(`chrome-extension://${extensionId}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
}
