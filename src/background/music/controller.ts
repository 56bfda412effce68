import { appError, MoodError, type ErrorCode } from '../../shared/errors';
import {
  formatReport,
  siteReportSchema,
  type ControlAction,
  type EnqueueResult,
  type NowPlaying,
  type PlayQueryResult,
  type PlayResult,
  type SiteReport,
  type Track,
} from '../../shared/messages/content';
import type { Site } from '../../shared/storage-schema';
import { loggedOutNote, SITE_INFO, siteError, siteMessage, siteOfUrl } from '../../shared/sites';
import { tabSession } from './tab-session';
import type { TabInfo, TabsPort } from './tabs-port';
import type { MusicTiming } from './timing';
import { t } from '../../shared/i18n/t';

/** A search that reloads the page answers "navigating" once; more rounds mean a loop. */
const MAX_PLAY_ROUNDS = 4;

/** What the caller hears while a play is under way: an ad plays first, the music follows. */
export interface PlayProgress {
  onAd?: (nowPlaying: NowPlaying | null) => void;
}

/** Failures where knowing which of the page's mechanisms are there helps a bug report. */
const REPORTED: ReadonlySet<ErrorCode> = new Set(['site-changed', 'no-results', 'site-not-ready', 'timeout', 'autoplay-blocked']);

/** The service worker's side of playing music: finds the tab, waits, commands, reports. */
export function createMusicController(port: TabsPort, timing: MusicTiming) {
  const session = tabSession(port, timing);
  const lastTab = new Map<Site, number>();
  const queues = new Map<Site, Promise<unknown>>();

  /** One command per site at a time, so a search and a pause cannot interleave. */
  function exclusive<T>(site: Site, task: () => Promise<T>): Promise<T> {
    const run = (queues.get(site) ?? Promise.resolve()).then(task, task);
    queues.set(
      site,
      run.catch(() => undefined),
    );
    return run;
  }

  function rank(tab: TabInfo, site: Site): number {
    return (tab.audible ? 4 : 0) + (lastTab.get(site) === tab.id ? 2 : 0) + (tab.active ? 1 : 0);
  }

  async function findTab(site: Site): Promise<number | null> {
    const tabs = await port.query(SITE_INFO[site].matches);
    if (!tabs.length) return openedOffSite(site);
    const best = [...tabs].sort((a, b) => rank(b, site) - rank(a, site) || (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
    lastTab.set(site, best.id);
    return best.id;
  }

  /**
   * The tab MoodDJ opened, now on a page outside the site (a cookie-consent or sign-in
   * page), where an address query cannot find it: it is still the site's tab, so a retry
   * reports it again instead of opening another one.
   */
  async function openedOffSite(site: Site): Promise<number | null> {
    const opened = await port.openedTab(site);
    if (opened === null) return null;
    const tab = await port.get(opened);
    if (tab && (tab.url === undefined || siteOfUrl(tab.url) === site)) return opened;
    await port.rememberOpened(site, null);
    return null;
  }

  async function tabFor(site: Site, openIfNone: boolean): Promise<number> {
    const found = await findTab(site);
    if (found !== null) return found;
    if (!openIfNone) throw siteError('no-streaming-tab', site);
    const tab = await port.create(SITE_INFO[site].home);
    lastTab.set(site, tab.id);
    await port.rememberOpened(site, tab.id);
    return tab.id;
  }

  /** A failed music step carries the site check of its tab (when the tab still answers). */
  async function withReport<T>(site: Site, tabId: number, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      if (!(err instanceof MoodError) || !REPORTED.has(err.code) || err.report) throw err;
      const answer = await session.command(tabId, site, 'check', {}, timing.controlMs).catch(() => null);
      const report = siteReportSchema.safeParse(answer);
      throw report.success ? new MoodError(err.code, err.message, formatReport(report.data)) : err;
    }
  }

  function playForQuery(site: Site, query: string, progress: PlayProgress = {}): Promise<PlayResult> {
    return exclusive(site, async () => {
      const tabId = await tabFor(site, true);
      return withReport(site, tabId, () => playIn(site, tabId, query, progress));
    });
  }

  async function playIn(site: Site, tabId: number, query: string, progress: PlayProgress): Promise<PlayResult> {
    for (let round = 0; round < MAX_PLAY_ROUNDS; round++) {
      const status = await session.waitUntilReady(tabId, site, timing.readyMs);
      let result: PlayQueryResult;
      try {
        result = await session.command(tabId, site, 'playQuery', { query }, timing.playMs);
      } catch (err) {
        // The page navigated under the command; wait for the new one and ask again.
        if (err instanceof MoodError && err.code === 'site-not-ready') continue;
        throw err;
      }
      if (result.status === 'ad') result = await afterAd(site, tabId, result, progress);
      if (result.status === 'navigating') continue;
      // The page's own warning (autoplay, another device, an ad) matters more than the login note.
      const warning =
        (result.status === 'started' ? result.warning : appError('ad-playing', siteMessage('ad-playing', site))) ??
        (status.problem === 'site-logged-out' ? appError('site-logged-out', loggedOutNote(site)) : undefined);
      return { site, tabId, nowPlaying: result.nowPlaying, ...(warning ? { warning } : {}) };
    }
    throw siteError('site-not-ready', site);
  }

  /**
   * An ad plays before the music: the caller hears so at once, then the start is
   * confirmed when the ad ends, one bounded round at a time (each round a fresh command,
   * so the worker stays alive and the page's and worker's limits stay the same). Still
   * an ad after the last round: `ad`, the music follows it.
   */
  async function afterAd(site: Site, tabId: number, first: PlayQueryResult & { status: 'ad' }, progress: PlayProgress): Promise<PlayQueryResult> {
    progress.onAd?.(first.nowPlaying);
    let result: PlayQueryResult = first;
    for (let round = 0; round < timing.adRounds && result.status === 'ad'; round++) {
      result = await session.command(tabId, site, 'awaitStart', {}, timing.awaitStartMs);
    }
    return result;
  }

  function enqueue(site: Site, tracks: Track[]): Promise<EnqueueResult> {
    return exclusive(site, async () => {
      const tabId = await tabFor(site, true);
      return withReport(site, tabId, async () => {
        await session.waitUntilReady(tabId, site, timing.readyMs);
        const timeout = timing.enqueueBaseMs + timing.enqueuePerTrackMs * tracks.length;
        // Not retried: a retry after a half-finished attempt could queue songs twice.
        const result = await session.command(tabId, site, 'enqueue', { tracks }, timeout);
        if (result.queued === 0) throw new MoodError('no-results', t('site_songs_not_found', SITE_INFO[site].name));
        return result;
      });
    });
  }

  /** The site check, in the site's open tab; never opens one and changes nothing. */
  function check(site: Site): Promise<SiteReport> {
    return exclusive(site, async () => {
      const tabId = await tabFor(site, false);
      const report = siteReportSchema.safeParse(await session.command(tabId, site, 'check', {}, timing.controlMs));
      if (!report.success) throw siteError('site-changed', site);
      return report.data;
    });
  }

  function control(site: Site, action: ControlAction): Promise<NowPlaying | null> {
    return exclusive(site, async () => {
      const tabId = await tabFor(site, false);
      await session.waitUntilReady(tabId, site, timing.quickReadyMs);
      return session.command(tabId, site, 'control', { action }, timing.controlMs);
    });
  }

  /** null when no tab of the site is open: nothing is playing there. */
  async function nowPlaying(site: Site): Promise<NowPlaying | null> {
    const tabId = await findTab(site);
    if (tabId === null) return null;
    await session.waitUntilReady(tabId, site, timing.quickReadyMs);
    return session.command(tabId, site, 'nowPlaying', {}, timing.nowPlayingMs);
  }

  return { playForQuery, enqueue, control, nowPlaying, check };
}

export type MusicController = ReturnType<typeof createMusicController>;
