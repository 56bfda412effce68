import type { SetAsideEntry } from '../../shared/set-aside';
import { ConfirmButton } from '../components/ConfirmButton';
import { download } from '../download';

/**
 * Stored values that failed their checks were repaired (a list keeps its valid items) and the
 * originals kept aside: say so, and let the user save or discard them.
 */
export function SetAsideNotice({ entries, onDiscard }: { entries: SetAsideEntry[]; onDiscard: () => Promise<void> }) {
  if (!entries.length) return null;
  return (
    <section class="card" aria-label="Repaired data" data-testid="set-aside">
      <h2>Repaired data</h2>
      <p class="small">Some stored data failed its checks and was repaired. What was stored before is kept aside on this computer:</p>
      <ul class="small">
        {entries.map((e) => (
          <li key={e.key} data-key={e.key}>
            <code>{e.key}</code>, {new Date(e.at).toLocaleString()}: {e.of ? `kept ${e.kept} of ${e.of} items` : 'reset to its default'}
            {e.truncated && ' (too large to keep whole: only its start was kept)'}
          </li>
        ))}
      </ul>
      <div class="controls">
        <button
          class="secondary"
          data-testid="set-aside-save"
          onClick={() => download(`mooddj-set-aside-${new Date().toISOString().slice(0, 10)}.json`, 'application/json', JSON.stringify(entries, null, 2))}
        >
          Save a copy (JSON)
        </button>
        <ConfirmButton
          testid="set-aside-discard"
          label="Discard…"
          question="Delete the set-aside data? This cannot be undone."
          confirmLabel="Delete"
          onConfirm={() => void onDiscard()}
        />
      </div>
    </section>
  );
}
