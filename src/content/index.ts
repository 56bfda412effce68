/**
 * The isolated-world content script on the streaming sites: picks the adapter for
 * this page and answers the service worker's commands through it.
 */
import { listen } from '../shared/messaging';
import { contentHandlers } from './handlers';
import { adapterForUrl } from './sites';

// A second injection into the same page replaces the first rather than answering twice.
const SLOT = Symbol.for('mooddj.content-script');
const scope = globalThis as unknown as Record<symbol, (() => void) | undefined>;
try {
  scope[SLOT]?.();
} catch {
  // A copy from before an extension update: its runtime is gone, and so are its listeners.
}
scope[SLOT] = undefined;

const adapter = adapterForUrl(location.href);
if (adapter) {
  const site = adapter.create();
  const stop = listen('content', contentHandlers(site));
  scope[SLOT] = () => {
    stop();
    site.dispose();
  };
}
