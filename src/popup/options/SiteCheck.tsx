import { useState } from 'preact/hooks';
import type { MessageKey } from '../../shared/i18n/messages';
import { t } from '../../shared/i18n/t';
import { formatReport, type CheckArea, type SiteReport } from '../../shared/messages/content';
import type { Reply } from '../../shared/messaging';
import { SITE_INFO } from '../../shared/sites';
import { SITES, type Site } from '../../shared/storage-schema';

export type RunCheck = (site: Site) => Promise<Reply<SiteReport>>;

/** Each area's name on the page; the copied report keeps the English ids, for a bug report. */
const AREA_NAMES = {
  search: 'sitecheck_area_search',
  play: 'sitecheck_area_play',
  queue: 'sitecheck_area_queue',
  controls: 'sitecheck_area_controls',
  'now playing': 'sitecheck_area_now_playing',
  login: 'sitecheck_area_login',
} as const satisfies Record<CheckArea, MessageKey>;

type Shown = { site: Site; report: SiteReport } | { site: Site; error: string };

/**
 * "Check YouTube Music" / "Check Spotify": read-only probes in the site's open tab that
 * list, per area, which mechanism MoodDJ can use there, and a plain-text copy of it for a
 * bug report (no titles, no account, no address).
 */
export function SiteCheck({ check, copy = (text) => navigator.clipboard.writeText(text) }: { check: RunCheck; copy?: (text: string) => Promise<void> }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState<Site | null>(null);
  const [copied, setCopied] = useState(false);

  async function run(site: Site) {
    setBusy(site);
    setCopied(false);
    const reply = await check(site).catch((err: unknown) => ({ ok: false as const, error: { message: String(err) } }));
    setShown(reply.ok ? { site, report: reply.value } : { site, error: reply.error.message });
    setBusy(null);
  }

  return (
    <section class="card" aria-label={t('sitecheck_label')} data-testid="site-check">
      <h2>{t('sitecheck_label')}</h2>
      <p class="muted small">{t('sitecheck_help')}</p>
      <div class="controls">
        {SITES.map((site) => (
          <button key={site} type="button" class="secondary" disabled={busy !== null} onClick={() => void run(site)} data-testid={`check-${site}`}>
            {t('sitecheck_run', SITE_INFO[site].name)}
          </button>
        ))}
      </div>
      {shown && 'error' in shown && (
        <p role="alert" data-testid="site-check-error">
          {SITE_INFO[shown.site].name}: {shown.error}
        </p>
      )}
      {shown && 'report' in shown && (
        <>
          <ul data-testid="site-check-report">
            {shown.report.lines.map((line) => (
              <li key={`${line.area}:${line.mechanism}`} data-ok={String(line.ok)}>
                <span aria-label={line.ok === null ? t('sitecheck_unknown') : line.ok ? t('sitecheck_available') : t('sitecheck_missing')}>
                  {line.ok === null ? '?' : line.ok ? '✓' : '✗'}
                </span>{' '}
                <strong>{t(AREA_NAMES[line.area])}</strong>: {line.mechanism}
              </li>
            ))}
          </ul>
          <button
            type="button"
            class="secondary"
            data-testid="copy-report"
            onClick={() =>
              void copy(formatReport(shown.report)).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t('sitecheck_copied') : t('sitecheck_copy')}
          </button>
        </>
      )}
    </section>
  );
}
