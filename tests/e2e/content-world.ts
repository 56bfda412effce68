/**
 * Runs code in MoodDJ's content-script world of a site tab: the isolated world that shares the
 * music site's renderer, which is what a compromised page controls. Tests use it to try what an
 * attacker there would try.
 */
import type { CDPSession, Page, Protocol } from 'puppeteer-core';

export interface ContentWorld {
  /** Evaluates an expression there (promises awaited); an exception comes back as `{ threw }`. */
  run<T>(expression: string): Promise<T | { threw: string }>;
  detach(): Promise<void>;
}

/** Opens `url` in a new tab and attaches to our isolated world once the content script is in. */
export async function openInContentWorld(page: Page, url: string, extensionId: string): Promise<ContentWorld> {
  const cdp: CDPSession = await page.createCDPSession();
  const contexts: Protocol.Runtime.ExecutionContextDescription[] = [];
  cdp.on('Runtime.executionContextCreated', (e: Protocol.Runtime.ExecutionContextCreatedEvent) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  await page.goto(url, { waitUntil: 'load' });
  const ours = () =>
    contexts.find((c) => c.origin === `chrome-extension://${extensionId}` && (c.auxData as { type?: string } | undefined)?.type === 'isolated');
  const deadline = Date.now() + 15_000;
  while (!ours()) {
    if (Date.now() > deadline) throw new Error(`MoodDJ's content script never ran in ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const contextId = ours()!.id;
  return {
    async run<T>(expression: string) {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true });
      if (exceptionDetails) return { threw: exceptionDetails.exception?.description ?? exceptionDetails.text };
      return result.value as T;
    },
    detach: () => cdp.detach(),
  };
}
