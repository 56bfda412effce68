import { MoodError, type ErrorCode } from '../../shared/errors';
import type { NameOf, PayloadOf, ResponseOf } from '../../shared/messaging';
import type { SiteStatus } from '../../shared/messages/content';
import type { Site } from '../../shared/storage-schema';
import { SITE_INFO, siteError, siteOfUrl, unreachableTabMessage } from '../../shared/sites';
import type { TabsPort } from './tabs-port';
import type { MusicTiming } from './timing';
import { t } from '../../shared/i18n/t';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Talks to one tab's content script: waits for it to be ready, and sends commands
 * that end in a value or a typed MoodError, never a hang.
 */
export function tabSession(port: TabsPort, timing: MusicTiming) {
  /** Problems that will not fix themselves while we wait, and how long to be sure. */
  const settleFor: Partial<Record<ErrorCode, number>> = {
    'site-logged-out': timing.settleMs,
    'site-consent': timing.settleMs,
    'site-changed': timing.changedSettleMs,
  };

  async function ping(tabId: number): Promise<SiteStatus | null> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timing.pingMs)));
    const reply = await Promise.race([port.send(tabId, 'ping', {}), late]).finally(() => clearTimeout(timer));
    return reply?.ok ? reply.value : null;
  }

  /**
   * Until the tab's content script reports the page ready, or a problem that lasts. A
   * loaded tab where nobody answers predates MoodDJ's install or update: its content
   * scripts are put back (never a reload, which would stop its music); when that fails
   * the user is asked to reload it.
   */
  async function waitUntilReady(tabId: number, site: Site, timeoutMs: number): Promise<SiteStatus> {
    const deadline = Date.now() + timeoutMs;
    let last: ErrorCode = 'site-not-ready';
    let lastingSince: number | null = null;
    let leftSince: number | null = null;
    let silentSince: number | null = null;
    let injected = false;
    const unreachable = () => new MoodError('site-not-ready', unreachableTabMessage(site));
    for (;;) {
      const tab = await port.get(tabId);
      if (!tab) throw siteError('tab-closed', site);
      if (siteOfUrl(tab.url) !== site) {
        // A tab still loading has no URL yet; a loaded one without ours shows a sign-in
        // or consent page on another host, whose URL we are not even allowed to see.
        if (tab.status === 'complete') {
          leftSince ??= Date.now();
          if (Date.now() - leftSince >= timing.leftMs) throw siteError('site-left', site);
          last = 'site-left';
        }
      } else {
        leftSince = null;
        const status = await ping(tabId);
        if (status?.site === site && status.ready) return status;
        if (status) {
          silentSince = null;
          const problem = status.problem ?? 'site-not-ready';
          if (problem !== last) lastingSince = null;
          last = problem;
          const settle = settleFor[problem];
          if (settle !== undefined) {
            lastingSince ??= Date.now();
            if (Date.now() - lastingSince >= settle) throw siteError(problem, site);
          }
        } else if (tab.status === 'complete') {
          // Loaded, yet nobody answers: Chrome does not inject content scripts into tabs
          // that were open before the extension was installed or updated.
          silentSince ??= Date.now();
          if (Date.now() - silentSince >= timing.silentMs) {
            if (injected || !(await port.inject(tabId))) throw unreachable();
            injected = true;
            silentSince = null;
          }
        }
      }
      if (Date.now() >= deadline) throw injected && last === 'site-not-ready' ? unreachable() : siteError(last, site);
      await sleep(timing.pollMs);
    }
  }

  /** Sends one command; the tab closing, or no answer in time, ends it with a typed error. */
  function command<N extends NameOf<'content'>>(
    tabId: number,
    site: Site,
    name: N,
    payload: PayloadOf<'content', N>,
    timeoutMs: number,
  ): Promise<ResponseOf<'content', N>> {
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = (settle: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        stopWatching();
        settle();
      };
      const stopWatching = port.onRemoved(tabId, () => finish(() => reject(siteError('tab-closed', site))));
      const timer = setTimeout(() => finish(() => reject(new MoodError('timeout', t('site_timeout', SITE_INFO[site].name)))), timeoutMs);
      port.send(tabId, name, payload).then(
        async (reply) => {
          if (reply.ok) return finish(() => resolve(reply.value));
          // A closing tab fails the message in several ways ("no receiver", "tab closed").
          if (!(await port.get(tabId))) return finish(() => reject(siteError('tab-closed', site)));
          const { code, message } = reply.error;
          finish(() => reject(code === 'site-not-ready' ? siteError(code, site) : new MoodError(code, message)));
        },
        (err: unknown) => finish(() => reject(err)),
      );
    });
  }

  return { waitUntilReady, command };
}
