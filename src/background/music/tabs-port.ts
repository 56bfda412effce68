import { z } from 'zod';
import { sendToTab, type NameOf, type PayloadOf, type Reply, type ResponseOf } from '../../shared/messaging';
import { siteSchema, type Site } from '../../shared/sites';
import { injectContentScripts } from './content-scripts';

export interface TabInfo {
  id: number;
  /** Undefined when the tab shows a page outside our host permissions. */
  url?: string;
  status?: string;
  active?: boolean;
  audible?: boolean;
  lastAccessed?: number;
}

/** The few tab operations the music code needs; unit tests pass a fake. */
export interface TabsPort {
  query(patterns: readonly string[]): Promise<TabInfo[]>;
  /** Opens the page in a background tab, leaving the user where they are. */
  create(url: string): Promise<TabInfo>;
  /** null once the tab is closed. */
  get(tabId: number): Promise<TabInfo | null>;
  /** Puts MoodDJ's content scripts into a tab that has none (it predates an install or update); false when that failed. */
  inject(tabId: number): Promise<boolean>;
  /** The tab MoodDJ opened for the site, while it is open: it may show another host (a consent page) where address queries miss it. */
  openedTab(site: Site): Promise<number | null>;
  rememberOpened(site: Site, tabId: number | null): Promise<void>;
  onRemoved(tabId: number, listener: () => void): () => void;
  send<N extends NameOf<'content'>>(tabId: number, name: N, payload: PayloadOf<'content', N>): Promise<Reply<ResponseOf<'content', N>>>;
}

function toInfo(tab: chrome.tabs.Tab): TabInfo | null {
  if (tab.id === undefined || tab.id === chrome.tabs.TAB_ID_NONE) return null;
  return { id: tab.id, url: tab.url, status: tab.status, active: tab.active, audible: tab.audible, lastAccessed: tab.lastAccessed };
}

/** Tab ids mean nothing after a browser restart, so they live in session storage (cleared then). */
const OPENED_KEY = 'openedTabs';
const openedSchema = z.partialRecord(siteSchema, z.number().int().nonnegative());

async function readOpened(): Promise<z.infer<typeof openedSchema>> {
  const parsed = openedSchema.safeParse((await chrome.storage.session.get(OPENED_KEY))[OPENED_KEY]);
  return parsed.success ? parsed.data : {};
}

/**
 * Host permissions for the two sites are enough here: they let tabs.query match those
 * tabs by URL and read their URLs, so the "tabs" permission is not needed.
 */
export const chromeTabs: TabsPort = {
  async query(patterns) {
    const tabs = await chrome.tabs.query({ url: [...patterns] });
    return tabs.map(toInfo).filter((t): t is TabInfo => t !== null);
  },
  async create(url) {
    const tab = toInfo(await chrome.tabs.create({ url, active: false }));
    if (!tab) throw new Error('the new tab has no id');
    return tab;
  },
  async get(tabId) {
    try {
      return toInfo(await chrome.tabs.get(tabId));
    } catch {
      return null;
    }
  },
  async inject(tabId) {
    const tab = await chromeTabs.get(tabId);
    return tab ? injectContentScripts(tabId, tab.url) : false;
  },
  async openedTab(site) {
    return (await readOpened())[site] ?? null;
  },
  async rememberOpened(site, tabId) {
    const opened = await readOpened();
    if (tabId === null) delete opened[site];
    else opened[site] = tabId;
    await chrome.storage.session.set({ [OPENED_KEY]: opened });
  },
  onRemoved(tabId, listener) {
    const onRemoved = (removed: number) => {
      if (removed === tabId) listener();
    };
    chrome.tabs.onRemoved.addListener(onRemoved);
    return () => chrome.tabs.onRemoved.removeListener(onRemoved);
  },
  send: (tabId, name, payload) => sendToTab(tabId, name, payload),
};
