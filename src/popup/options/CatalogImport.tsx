import { useState } from 'preact/hooks';
import { CatalogError, type StoredCatalog } from '../../shared/catalog';
import { readCatalogFile, type ReadyCatalog } from '../../shared/catalog-import';
import { StorageWriteError } from '../../shared/storage';
import { ConfirmButton } from '../components/ConfirmButton';
import { plural } from '../plural';

interface Props {
  current: { name: string; importedAt: number; count: number } | null;
  onImport: (catalog: StoredCatalog) => Promise<void>;
  onClear: () => Promise<void>;
}

/** What went wrong, in words for the user; anything unexpected goes to the console in full. */
function problemOf(err: unknown): string {
  if (err instanceof CatalogError) return err.message;
  if (err instanceof StorageWriteError && err.reason === 'quota') return "There is no room left in the browser's storage for MoodDJ to save this catalog.";
  console.error('MoodDJ: catalog import failed', err);
  return 'Could not import that file.';
}

/** A mood-tagged track list the user owns; picks from it are queued after each check. */
export function CatalogImport({ current, onImport, onClear }: Props) {
  const [report, setReport] = useState<{ ok: boolean; text: string; skipped: ReadyCatalog['skipped'] } | null>(null);

  const take = async (file: File | undefined) => {
    if (!file) return;
    try {
      const ready = await readCatalogFile(file);
      await onImport(ready.catalog);
      const parts = [
        `Imported ${plural(ready.catalog.tracks.length, 'track')} (${ready.format === 'minimal' ? 'title, artist, mood' : 'with audio features'}).`,
      ];
      if (ready.skipped.length) parts.push(`Skipped ${plural(ready.skipped.length, 'row')}:`);
      if (ready.warning) parts.unshift(ready.warning);
      setReport({ ok: true, text: parts.join(' '), skipped: ready.skipped });
    } catch (err) {
      setReport({ ok: false, text: `${problemOf(err)} Your previous catalog is unchanged.`, skipped: [] });
    }
  };

  return (
    <section class="card" aria-label="Track catalog" data-testid="catalog">
      <h2>Track catalog (optional)</h2>
      <p class="muted small">
        A CSV with <code>name,artist,…,mood</code> and Spotify audio features, or simply <code>title,artist,mood</code>. Moods: Happy, Sad, Energetic, Calm.
        After each check MoodDJ queues the best-fitting tracks.
      </p>
      <p data-testid="catalog-status">
        {current ? `${plural(current.count, 'track')} from ${current.name}, imported ${new Date(current.importedAt).toLocaleString()}` : 'No catalog imported.'}
      </p>
      <div class="controls">
        <input
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          aria-label="Import a catalog CSV"
          data-testid="catalog-file"
          onChange={(e) => {
            const input = e.currentTarget;
            void take(input.files?.[0]);
            // Choosing the same file again (after fixing it) must fire a change too.
            input.value = '';
          }}
        />
        {current && (
          <ConfirmButton
            testid="catalog-remove"
            label="Remove catalog…"
            question={`Remove the ${plural(current.count, 'track')} of ${current.name}?`}
            confirmLabel="Remove"
            onConfirm={() => void onClear().then(() => setReport(null))}
          />
        )}
      </div>
      {report && (
        <div data-testid="catalog-report" role="status" class={report.ok ? 'small' : 'error'}>
          {report.text}
          {report.skipped.length > 0 && (
            // Every skipped row, by its line in the file: the list scrolls rather than stopping at a few.
            <ul class="small skipped-rows" data-testid="catalog-skipped" tabIndex={0} aria-label="Skipped rows">
              {report.skipped.map((s) => (
                <li key={s.line}>
                  line {s.line}: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
