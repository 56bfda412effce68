import { dateTime, number } from '../../shared/i18n/format';
import { t } from '../../shared/i18n/t';
import type { SetAsideEntry } from '../../shared/set-aside';
import { ConfirmButton } from '../components/ConfirmButton';
import { download } from '../download';
import { rich } from '../rich';

/**
 * Stored values that failed their checks were repaired (a list keeps its valid items) and the
 * originals kept aside: say so, and let the user save or discard them.
 */
export function SetAsideNotice({ entries, onDiscard }: { entries: SetAsideEntry[]; onDiscard: () => Promise<void> }) {
  if (!entries.length) return null;
  return (
    <section class="card" aria-label={t('setaside_label')} data-testid="set-aside">
      <h2>{t('setaside_label')}</h2>
      <p class="small">{t('setaside_intro')}</p>
      <ul class="small">
        {entries.map((e) => (
          <li key={e.key} data-key={e.key}>
            {rich(
              (key) => t('setaside_entry', key, dateTime(e.at), e.of ? t('setaside_kept', number(e.kept), number(e.of)) : t('setaside_reset')),
              <code>{e.key}</code>,
            )}
            {e.truncated && ` ${t('setaside_truncated')}`}
          </li>
        ))}
      </ul>
      <div class="controls">
        <button
          class="secondary"
          data-testid="set-aside-save"
          onClick={() => download(`mooddj-set-aside-${new Date().toISOString().slice(0, 10)}.json`, 'application/json', JSON.stringify(entries, null, 2))}
        >
          {t('setaside_save')}
        </button>
        <ConfirmButton
          testid="set-aside-discard"
          label={t('setaside_discard')}
          question={t('setaside_discard_question')}
          confirmLabel={t('setaside_discard_confirm')}
          onConfirm={() => void onDiscard()}
        />
      </div>
    </section>
  );
}
