import { useState } from 'preact/hooks';
import { CatalogError, decodeCatalogBytes, parseCatalog, type CatalogImport as Parsed } from '../../shared/catalog';
import { ConfirmButton } from '../components/ConfirmButton';
import { plural } from '../plural';

interface Props {
  current: { name: string; importedAt: number; count: number } | null;
  onImport: (name: string, result: Parsed) => Promise<void>;
  onClear: () => Promise<void>;
}

/** A mood-tagged track list the user owns; picks from it are queued after each check. */
export function CatalogImport({ current, onImport, onClear }: Props) {
  const [report, setReport] = useState<{ ok: boolean; text: string; skipped: Parsed['skipped'] } | null>(null);

  const take = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { text, warning } = decodeCatalogBytes(new Uint8Array(await file.arrayBuffer()));
      const parsed = parseCatalog(text);
      await onImport(file.name, parsed);
      const parts = [`Imported ${plural(parsed.tracks.length, 'track')} (${parsed.format === 'minimal' ? 'title, artist, mood' : 'with audio features'}).`];
      if (parsed.skipped.length) parts.push(`Skipped ${plural(parsed.skipped.length, 'row')}.`);
      if (warning) parts.push(warning);
      setReport({ ok: true, text: parts.join(' '), skipped: parsed.skipped });
    } catch (err) {
      const text = err instanceof CatalogError ? err.message : `Could not read that file (${String(err)}).`;
      setReport({ ok: false, text: `${text} Your previous catalog is unchanged.`, skipped: [] });
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
          accept=".csv,text/csv"
          aria-label="Import a catalog CSV"
          data-testid="catalog-file"
          onChange={(e) => void take(e.currentTarget.files?.[0])}
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
        <div data-testid="catalog-report" class={report.ok ? 'small' : 'error'}>
          {report.text}
          {report.skipped.length > 0 && (
            <ul class="small">
              {report.skipped.slice(0, 20).map((s) => (
                <li key={s.line}>
                  line {s.line}: {s.reason}
                </li>
              ))}
              {report.skipped.length > 20 && <li>…and {report.skipped.length - 20} more</li>}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
