import { SITE_INFO, siteOfUrl } from '../../shared/sites';

/** The manifest's content-script entries as built (file names are the bundler's). */
interface ScriptEntry {
  matches?: string[];
  js?: string[];
  world?: string;
}

/**
 * Chrome puts content scripts into pages as they load, so tabs that were already open
 * when MoodDJ was installed or updated have none (or an orphaned one from before). This
 * puts them back into one site tab, without reloading it (a reload would stop its music):
 * the MAIN-world helper first, since the isolated script may talk to it at once, then
 * the isolated script. Both are safe to run twice: a second isolated copy replaces the
 * first, a second helper steps aside for the one already there.
 * Needs the `scripting` permission; the host permissions already cover the pages.
 */
export async function injectContentScripts(tabId: number, url: string | undefined): Promise<boolean> {
  const site = siteOfUrl(url);
  if (!site) return false;
  const patterns = SITE_INFO[site].matches;
  const entries = ((chrome.runtime.getManifest().content_scripts ?? []) as ScriptEntry[])
    .filter((entry) => entry.js?.length && entry.matches?.some((m) => patterns.includes(m)))
    .sort((a, b) => Number(b.world === 'MAIN') - Number(a.world === 'MAIN'));
  if (!entries.length) return false;
  try {
    for (const entry of entries) {
      await chrome.scripting.executeScript({ target: { tabId }, files: entry.js!, world: entry.world === 'MAIN' ? 'MAIN' : 'ISOLATED' });
    }
    return true;
  } catch (err) {
    console.info(`MoodDJ: could not put the helper back into tab ${tabId}:`, err);
    return false;
  }
}

/** After an install or update: every open site tab gets its content scripts back. */
export async function reinjectOpenTabs(): Promise<void> {
  for (const info of Object.values(SITE_INFO)) {
    const tabs = await chrome.tabs.query({ url: [...info.matches] });
    await Promise.all(tabs.flatMap((tab) => (tab.id === undefined ? [] : [injectContentScripts(tab.id, tab.url)])));
  }
}
