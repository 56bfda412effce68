import { historyToCsv, type HistoryEntry } from '../../shared/history';
import { ConfirmButton } from '../components/ConfirmButton';
import { download } from '../download';
import { plural } from '../plural';

/** Stored checks: numbers and words only, never pictures. */
export function HistoryPanel({ history, onClear }: { history: HistoryEntry[]; onClear: () => Promise<void> }) {
  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <section class="card" aria-label="History" data-testid="history-panel">
      <h2>History</h2>
      <p data-testid="history-count">
        {plural(history.length, 'check')} stored on this computer (the oldest are dropped after 500). No images are ever stored.
      </p>
      <div class="controls">
        <button
          class="secondary"
          data-testid="history-export-csv"
          disabled={!history.length}
          onClick={() => download(`mooddj-history-${stamp}.csv`, 'text/csv', historyToCsv(history))}
        >
          Export CSV
        </button>
        <button
          class="secondary"
          disabled={!history.length}
          onClick={() => download(`mooddj-history-${stamp}.json`, 'application/json', JSON.stringify(history, null, 2))}
        >
          Export JSON
        </button>
        <ConfirmButton
          testid="history-clear"
          label="Clear history…"
          question={`Delete all ${plural(history.length, 'check')}? This cannot be undone.`}
          confirmLabel="Delete history"
          disabled={!history.length}
          onConfirm={() => void onClear()}
        />
      </div>
    </section>
  );
}
