import type { Browser, CDPSession } from 'puppeteer-core';

interface AttachedEvent {
  sessionId: string;
  targetInfo: { targetId: string; type: string; url: string };
  waitingForDebugger: boolean;
}

interface RequestEvent {
  documentURL?: string;
  request: { url: string };
}

/**
 * Records every network request made by the extension's own contexts (service worker,
 * offscreen document, popup and options pages), including contexts created later.
 *
 * New targets are auto-attached paused (waitForDebuggerOnStart) and resumed only once network
 * recording is on in them, so a document cannot fetch anything before the recorder listens:
 * the offscreen document loads its models within milliseconds of being created. A request
 * counts as the extension's when the document that made it is one of the extension's pages.
 */
export async function recordExtensionRequests(browser: Browser, extensionId: string): Promise<{ urls: string[]; stop: () => Promise<void> }> {
  const urls: string[] = [];
  const prefix = `chrome-extension://${extensionId}/`;
  const root = await browser.target().createCDPSession();
  const children: CDPSession[] = [];

  const listen = async (child: CDPSession, targetUrl: string) => {
    children.push(child);
    child.on('Network.requestWillBeSent', (e: RequestEvent) => {
      if ((e.documentURL ?? targetUrl).startsWith(prefix)) urls.push(e.request.url);
    });
    await child.send('Network.enable').catch(() => undefined);
  };

  root.on('Target.attachedToTarget', (e: AttachedEvent) => {
    const child = root.connection()?.session(e.sessionId);
    if (!child) return;
    void (async () => {
      // Pages start as about:blank and are navigated to the extension afterwards: record them all,
      // and let documentURL decide whose each request is.
      if (['page', 'other', 'service_worker', 'worker'].includes(e.targetInfo.type)) await listen(child, e.targetInfo.url);
      if (e.waitingForDebugger) await child.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
    })();
  });
  await root.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
  // Contexts that already run (the service worker): attach to them too.
  const { targetInfos } = await root.send('Target.getTargets');
  for (const t of targetInfos) {
    if (t.url.startsWith(prefix)) await root.send('Target.attachToTarget', { targetId: t.targetId, flatten: true }).catch(() => undefined);
  }
  return {
    urls,
    stop: async () => {
      await root.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: true }).catch(() => undefined);
      await Promise.all(children.map((s) => s.detach().catch(() => undefined)));
      await root.detach().catch(() => undefined);
    },
  };
}

/** Requests that leave the extension: anything but its own files and in-memory URLs. */
export function outsideRequests(urls: string[], extensionId: string): string[] {
  return urls.filter((u) => !u.startsWith(`chrome-extension://${extensionId}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
}
