import { useState } from 'preact/hooks';
import { CatalogError, type StoredCatalog } from '../../shared/catalog';
import { readCatalogFile, type ReadyCatalog } from '../../shared/catalog-import';
import { StorageWriteError } from '../../shared/storage';
import { ConfirmButton } from '../components/ConfirmButton';
import { count, dateTime } from '../../shared/i18n/format';
import { t } from '../../shared/i18n/t';
import { rich } from '../rich';

interface Props {
  current: { name: string; importedAt: number; count: number } | null;
  onImport: (catalog: StoredCatalog) => Promise<void>;
  onClear: () => Promise<void>;
}

/** The two file formats by their header rows, as the file spells them in every language. */
const FULL_COLUMNS = 'name,artist,…,mood';
const MINIMAL_COLUMNS = 'title,artist,mood';

/** What went wrong, in words for the user; anything unexpected goes to the console in full. */
function problemOf(err: unknown): string {
  if (err instanceof CatalogError) return err.message;
  if (err instanceof StorageWriteError && err.reason === 'quota') return t('catalog_no_room');
  console.error('MoodDJ: catalog import failed', err);
  return t('catalog_failed');
}

/** A mood-tagged track list the user owns; picks from it are queued after each check. */
export function CatalogImport({ current, onImport, onClear }: Props) {
  const [report, setReport] = useState<{ ok: boolean; text: string; skipped: ReadyCatalog['skipped'] } | null>(null);

  const take = async (file: File | undefined) => {
    if (!file) return;
    try {
      const ready = await readCatalogFile(file);
      await onImport(ready.catalog);
      const tracks = count(ready.catalog.tracks.length, 'count_track');
      const parts = [ready.format === 'minimal' ? t('catalog_imported_minimal', tracks) : t('catalog_imported_features', tracks)];
      if (ready.skipped.length) parts.push(t('catalog_skipped', count(ready.skipped.length, 'count_row')));
      if (ready.warning) parts.unshift(ready.warning);
      setReport({ ok: true, text: parts.join(' '), skipped: ready.skipped });
    } catch (err) {
      setReport({ ok: false, text: t('catalog_unchanged', problemOf(err)), skipped: [] });
    }
  };

  return (
    <section class="card" aria-label={t('catalog_label')} data-testid="catalog">
      <h2>{t('catalog_title')}</h2>
      <p class="muted small">{rich((full, minimal) => t('catalog_help', full, minimal), <code>{FULL_COLUMNS}</code>, <code>{MINIMAL_COLUMNS}</code>)}</p>
      <p data-testid="catalog-status">
        {current ? t('catalog_status', count(current.count, 'count_track'), current.name, dateTime(current.importedAt)) : t('catalog_none')}
      </p>
      <div class="controls">
        <input
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          aria-label={t('catalog_file_label')}
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
            label={t('catalog_remove')}
            question={t('catalog_remove_question', count(current.count, 'count_track'), current.name)}
            confirmLabel={t('catalog_remove_confirm')}
            onConfirm={() => void onClear().then(() => setReport(null))}
          />
        )}
      </div>
      {report && (
        <div data-testid="catalog-report" role="status" class={report.ok ? 'small' : 'error'}>
          {report.text}
          {report.skipped.length > 0 && (
            // Every skipped row, by its line in the file: the list scrolls rather than stopping at a few.
            <ul class="small skipped-rows" data-testid="catalog-skipped" tabIndex={0} aria-label={t('catalog_skipped_label')}>
              {report.skipped.map((s) => (
                <li key={s.line}>{t('catalog_skipped_line', String(s.line), s.reason)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
