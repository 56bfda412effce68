import { HISTORY_CAP, historyToCsv, type HistoryEntry } from '../../shared/history';
import { count, number } from '../../shared/i18n/format';
import { t } from '../../shared/i18n/t';
import { ConfirmButton } from '../components/ConfirmButton';
import { download } from '../download';

/** Stored checks: numbers and words only, never pictures. */
export function HistoryPanel({ history, onClear }: { history: HistoryEntry[]; onClear: () => Promise<void> }) {
  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <section class="card" aria-label={t('history_label')} data-testid="history-panel">
      <h2>{t('history_label')}</h2>
      <p data-testid="history-count">{t('history_count', count(history.length, 'count_check'), number(HISTORY_CAP))}</p>
      <div class="controls">
        <button
          class="secondary"
          data-testid="history-export-csv"
          disabled={!history.length}
          onClick={() => download(`mooddj-history-${stamp}.csv`, 'text/csv', historyToCsv(history))}
        >
          {t('history_export_csv')}
        </button>
        <button
          class="secondary"
          disabled={!history.length}
          onClick={() => download(`mooddj-history-${stamp}.json`, 'application/json', JSON.stringify(history, null, 2))}
        >
          {t('history_export_json')}
        </button>
        <ConfirmButton
          testid="history-clear"
          label={t('history_clear')}
          question={t('history_clear_question', count(history.length, 'count_check'))}
          confirmLabel={t('history_clear_confirm')}
          disabled={!history.length}
          onConfirm={() => void onClear()}
        />
      </div>
    </section>
  );
}
