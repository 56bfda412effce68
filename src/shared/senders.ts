/**
 * Who sent a runtime message. Content scripts share the extension's id but live in the music
 * site's renderer, which a hostile page may control, so the id alone proves nothing. Chrome
 * fills in the sender's URL and origin from the browser's side; an extension origin is only
 * ever given to the extension's own documents and worker.
 */
export const OFFSCREEN_PATH = 'src/offscreen/index.html';
/**
 * The worker's script as built (@crxjs names its loader so). Offscreen documents cannot read the
 * manifest, so the path is written here; tests/e2e/privacy.test.ts checks it against dist/.
 */
export const WORKER_PATH = 'service-worker-loader.js';

export type SenderRole = 'worker' | 'offscreen' | 'page' | 'untrusted';

export interface MessageSender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
}

export interface OwnContext {
  id: string;
  /** The service worker's script URL: chrome.runtime.getURL(WORKER_PATH). */
  workerUrl: string;
}

function withoutHash(url: string): string {
  return url.replace(/[?#].*$/, '');
}

export function senderRole(sender: MessageSender, own: OwnContext): SenderRole {
  const origin = `chrome-extension://${own.id}`;
  if (sender.id !== own.id || !sender.url?.startsWith(`${origin}/`)) return 'untrusted';
  // Documents carry an origin too; a content script's is the page's, whatever its id says.
  if (sender.origin !== undefined && sender.origin !== origin) return 'untrusted';
  const path = withoutHash(sender.url);
  // The worker and the offscreen document never live in a tab; a tab showing their URL is a page.
  if (path === own.workerUrl && !sender.tab) return 'worker';
  if (path === `${origin}/${OFFSCREEN_PATH}` && !sender.tab) return 'offscreen';
  return 'page';
}
