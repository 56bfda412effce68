/**
 * An offscreen document cannot show Chrome's permission prompt, so the first time we
 * open a normal extension tab that asks once; the grant then covers the whole
 * extension origin, offscreen document included.
 */
const PAGE = 'src/popup/permission.html';
const WAIT_MS = 120_000;

type Waiter = (granted: boolean) => void;
const waiters = new Set<Waiter>();

export function reportCameraPermission(granted: boolean): void {
  for (const w of waiters) w(granted);
  waiters.clear();
}

/** Opens the permission page and resolves with the user's answer (false on timeout). */
export async function askForCamera(): Promise<boolean> {
  const answer = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      waiters.delete(done);
      resolve(false);
    }, WAIT_MS);
    const done: Waiter = (granted) => {
      clearTimeout(timer);
      resolve(granted);
    };
    waiters.add(done);
  });
  await chrome.tabs.create({ url: chrome.runtime.getURL(PAGE), active: true });
  return answer;
}
